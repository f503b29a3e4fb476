/*
 * Copyright 2026 The pagepool Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.pagepool.realworld;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load generator: {@code threads} clients on loopback, each keeping {@code window} messages in
 * flight, every echo checked ({@link Payload}). Bounded in time and in count: it stops sending at
 * the first of {@code seconds} passed or {@code maxEchoes} sent, then waits for the echoes still
 * out (at most {@link #TIMEOUT_MILLIS} for UDP, where the rest count as lost). Runs in the
 * calling JVM, never under the agent.
 *
 * @param protocol how to speak to the server
 * @param port the server's port on 127.0.0.1
 * @param payloadBytes bytes of each message
 * @param threads client threads (one connection or socket each)
 * @param window messages in flight per thread
 * @param seconds sending time bound
 * @param maxEchoes message count bound, over all threads
 */
public record EchoLoad(Protocol protocol, int port, int payloadBytes, int threads, int window, double seconds,
        long maxEchoes) {
    /** How long a UDP client waits for an echo before counting what is out as lost. */
    static final int TIMEOUT_MILLIS = 200;
    /** How long a TCP client waits for an echo before failing: long, a loaded machine stalls. */
    static final int TCP_TIMEOUT_MILLIS = 10_000;

    /**
     * Runs the load and sums its threads' figures.
     *
     * @return what the clients saw
     * @throws IOException when a client cannot connect, or a TCP connection fails or stalls
     * @throws InterruptedException when interrupted while waiting for the clients
     */
    public LoadResult run() throws IOException, InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<LoadResult>> running = new ArrayList<>();
            long perThread = Math.max(1, maxEchoes / threads);
            long endNanos = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; i < threads; i++) {
                Callable<LoadResult> client = protocol == Protocol.TCP ? () -> tcp(perThread, endNanos)
                        : () -> udp(perThread, endNanos);
                running.add(clients.submit(client));
            }
            LoadResult sum = new LoadResult(0, 0, 0, 0, 0, 0);
            for (Future<LoadResult> f : running) {
                sum = sum.plus(f.get());
            }
            return sum;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }

    private LoadResult udp(long limit, long endNanos) throws IOException {
        Payload payload = new Payload(payloadBytes);
        long[] outstanding = new long[Integer.highestOneBit(window * 4 - 1) << 1]; // seq by slot, -1 when free
        Arrays.fill(outstanding, -1);
        byte[] out = new byte[payloadBytes];
        byte[] in = new byte[payloadBytes + 512];
        DatagramPacket reply = new DatagramPacket(in, in.length);
        long sent = 0;
        long received = 0;
        long lost = 0;
        long late = 0;
        long corrupt = 0;
        int inFlight = 0;
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout(TIMEOUT_MILLIS);
            DatagramPacket request = new DatagramPacket(out, payloadBytes);
            while (true) {
                while (inFlight < window && sent < limit && System.nanoTime() < endNanos) {
                    int slot = (int) (sent & (outstanding.length - 1));
                    if (outstanding[slot] >= 0) { // still out after a whole ring of sends: lost
                        lost++;
                        inFlight--;
                    }
                    payload.write(out, sent);
                    socket.send(request);
                    outstanding[slot] = sent++;
                    inFlight++;
                }
                if (inFlight == 0) {
                    break;
                }
                try {
                    reply.setLength(in.length);
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    lost += inFlight;
                    inFlight = 0;
                    Arrays.fill(outstanding, -1);
                    continue;
                }
                long seq = payload.check(in, reply.getLength());
                int slot = (int) (seq & (outstanding.length - 1));
                if (seq < 0 || seq >= sent) {
                    corrupt++;
                } else if (outstanding[slot] == seq) {
                    outstanding[slot] = -1;
                    inFlight--;
                    received++;
                } else {
                    late++;
                }
            }
        }
        return new LoadResult(sent, received, lost, late, corrupt, (System.nanoTime() - start) / 1e9);
    }

    private LoadResult tcp(long limit, long endNanos) throws IOException {
        Payload payload = new Payload(payloadBytes);
        byte[] out = new byte[payloadBytes];
        byte[] in = new byte[payloadBytes];
        long sent = 0;
        long received = 0;
        long corrupt = 0;
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TCP_TIMEOUT_MILLIS);
            OutputStream output = socket.getOutputStream();
            InputStream input = socket.getInputStream();
            while (true) {
                while (sent - received < window && sent < limit && System.nanoTime() < endNanos) {
                    payload.write(out, sent++);
                    output.write(out);
                }
                if (sent == received) {
                    break;
                }
                if (input.readNBytes(in, 0, payloadBytes) != payloadBytes) {
                    throw new IOException("connection closed with " + (sent - received) + " echoes out");
                }
                if (payload.check(in, payloadBytes) != received) { // a stream: echoes come in order
                    corrupt++;
                }
                received++;
            }
        }
        return new LoadResult(sent, received - corrupt, sent - received, 0, corrupt,
                (System.nanoTime() - start) / 1e9);
    }
}
