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
package io.pagepool.samples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Load generator for {@link TcpEchoServer}: each connection (one thread, blocking I/O) sends a
 * message, reads its echo back whole and compares it byte for byte with what it sent, then sends
 * the next. Every message is different (its bytes derive from the connection, the sequence
 * number and the offset), so a pooled page handed to two reads at once, or released while the
 * server still wrote from it, shows up as corruption. Reports messages, bytes, corrupt messages,
 * messages per second and round-trip latency percentiles.
 *
 * <pre>
 * java -cp pagepool-samples.jar io.pagepool.samples.TcpLoad --target 127.0.0.1:PORT
 *      [--connections 4] [--size 4096 (bytes per message)] [--duration 5]
 * </pre>
 *
 * Prints one {@code RESULT tcpload ...} line, with {@code crc}: the CRC32C of every byte received
 * in order, per connection, summed (equal to the sent bytes' when nothing was corrupt); exits 3
 * when any echo was corrupt.
 */
public final class TcpLoad {
    private TcpLoad() {
    }

    /**
     * Sends messages over TCP connections and checks every echoed byte.
     *
     * @param argv {@code --name value} options (see the class comment)
     * @throws Exception if the run fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args("TcpLoad", argv, Set.of("target", "connections", "size", "duration"));
        String target = args.string("target", null);
        if (target == null || !target.contains(":")) {
            throw new IllegalArgumentException("TcpLoad: --target HOST:PORT is required");
        }
        InetSocketAddress server = new InetSocketAddress(target.substring(0, target.lastIndexOf(':')),
                Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
        int connections = args.integer("connections", 4);
        int size = args.integer("size", 4096);
        if (size < 1) {
            throw new IllegalArgumentException("TcpLoad: --size must be at least 1, got " + size);
        }
        long durationNanos = TimeUnit.SECONDS.toNanos(args.number("duration", 5));

        List<Connection> all = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection(i, server, size, durationNanos);
            all.add(c);
            running.add(Thread.ofPlatform().name("tcpload-" + i).start(c));
        }
        for (Thread t : running) {
            t.join();
        }
        LatencyHistogram latency = new LatencyHistogram();
        long messages = 0;
        long bytes = 0;
        long corrupt = 0;
        long sentCrc = 0;
        long receivedCrc = 0;
        for (Connection c : all) {
            if (c.failure != null) {
                throw c.failure;
            }
            latency.merge(c.latency);
            messages += c.messages;
            bytes += c.bytes;
            corrupt += c.corrupt;
            sentCrc += c.sentCrc.getValue();
            receivedCrc += c.receivedCrc.getValue();
        }
        double seconds = durationNanos / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "RESULT tcpload messages=%d bytes=%d corrupt=%d crcMatch=%b mps=%.0f p50us=%.1f p99us=%.1f"
                        + " p999us=%.1f", messages, bytes, corrupt, sentCrc == receivedCrc, messages / seconds,
                latency.quantile(0.5) / 1e3, latency.quantile(0.99) / 1e3, latency.quantile(0.999) / 1e3));
        if (corrupt > 0 || sentCrc != receivedCrc) {
            System.exit(3);
        }
    }

    /** One connection: send a message, read the echo whole, compare, repeat until the time is up. */
    private static final class Connection implements Runnable {
        private final int id;
        private final InetSocketAddress server;
        private final long durationNanos;
        private final byte[] sent;
        private final byte[] received;
        final LatencyHistogram latency = new LatencyHistogram();
        final CRC32C sentCrc = new CRC32C();
        final CRC32C receivedCrc = new CRC32C();
        long messages;
        long bytes;
        long corrupt;
        IOException failure;

        Connection(int id, InetSocketAddress server, int size, long durationNanos) {
            this.id = id;
            this.server = server;
            this.durationNanos = durationNanos;
            this.sent = new byte[size];
            this.received = new byte[size];
        }

        @Override
        public void run() {
            try (SocketChannel channel = SocketChannel.open(server)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                long end = System.nanoTime() + durationNanos;
                for (long seq = 0; System.nanoTime() < end; seq++) {
                    fill(seq);
                    long start = System.nanoTime();
                    ByteBuffer out = ByteBuffer.wrap(sent);
                    while (out.hasRemaining()) {
                        channel.write(out);
                    }
                    ByteBuffer in = ByteBuffer.wrap(received);
                    while (in.hasRemaining()) {
                        if (channel.read(in) < 0) {
                            throw new IOException("TcpLoad: the server closed connection " + id + " mid-echo");
                        }
                    }
                    latency.record(System.nanoTime() - start);
                    sentCrc.update(sent);
                    receivedCrc.update(received);
                    if (!java.util.Arrays.equals(sent, received)) {
                        corrupt++;
                    }
                    messages++;
                    bytes += sent.length;
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        /** Message {@code seq}: bytes from the connection, the sequence number and the offset. */
        private void fill(long seq) {
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (seq * 131 + i * 31 + id * 7 + (i >>> 8));
            }
        }
    }
}
