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
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Load generator for {@link UdpEchoServer}: sends numbered packets with a checksummed payload,
 * checks every echo, and reports sent, received, lost, corrupt, packets per second and latency
 * percentiles. A pooled page handed to two packets at once shows up as corruption.
 *
 * <pre>
 * java -cp pagepool-samples.jar io.pagepool.samples.UdpLoad --target 127.0.0.1:PORT
 *      [--threads 2] [--size 512] [--duration 5] [--rate 0 (pps per thread, 0 = as fast as the window allows)]
 *      [--window 32 (packets in flight per thread)]
 * </pre>
 *
 * Prints one {@code RESULT load ...} line; exits 3 when any echo was corrupt.
 *
 * <p>Packet layout (big-endian): seq (8), send time in ns (8), thread (4), CRC32C of the payload
 * (4), payload bytes derived from seq.
 */
public final class UdpLoad {
    private static final int HEADER = 24;
    private static final long LOSS_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private UdpLoad() {
    }

    /**
     * Sends UDP datagrams to a target and prints throughput, latency percentiles and losses.
     *
     * @param argv {@code --name value} options (see the class comment)
     * @throws Exception if the run fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args("UdpLoad", argv, Set.of("target", "threads", "size", "duration", "rate", "window"));
        String target = args.string("target", null);
        if (target == null || !target.contains(":")) {
            throw new IllegalArgumentException("UdpLoad: --target HOST:PORT is required");
        }
        InetSocketAddress server = new InetSocketAddress(target.substring(0, target.lastIndexOf(':')),
                Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
        int threads = args.integer("threads", 2);
        int size = Math.max(HEADER, args.integer("size", 512));
        long durationNanos = TimeUnit.SECONDS.toNanos(args.number("duration", 5));
        long rate = args.number("rate", 0);
        int window = args.integer("window", 32);

        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(i, server, size, durationNanos, rate, window);
            workers.add(w);
            running.add(Thread.ofPlatform().name("udpload-" + i).start(w));
        }
        for (Thread t : running) {
            t.join();
        }
        LatencyHistogram latency = new LatencyHistogram();
        long sent = 0;
        long received = 0;
        long corrupt = 0;
        long lost = 0;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw w.failure;
            }
            latency.merge(w.latency);
            sent += w.sent;
            received += w.received;
            corrupt += w.corrupt;
            lost += w.lost;
        }
        double seconds = durationNanos / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "RESULT load sent=%d received=%d lost=%d corrupt=%d pps=%.0f p50us=%.1f p99us=%.1f p999us=%.1f",
                sent, received, lost, corrupt, received / seconds, latency.quantile(0.5) / 1e3,
                latency.quantile(0.99) / 1e3, latency.quantile(0.999) / 1e3));
        if (corrupt > 0) {
            System.exit(3);
        }
    }

    /** One client thread: a connected non-blocking channel with a window of packets in flight. */
    private static final class Worker implements Runnable {
        private final int id;
        private final InetSocketAddress server;
        private final int size;
        private final long durationNanos;
        private final long intervalNanos;
        private final long[] inflightSeq;
        private final long[] inflightSentNanos;
        private final int window;
        final LatencyHistogram latency = new LatencyHistogram();
        private final CRC32C crc = new CRC32C();
        long sent;
        long received;
        long corrupt;
        long lost;
        int outstanding;
        IOException failure;

        Worker(int id, InetSocketAddress server, int size, long durationNanos, long rate, int window) {
            this.id = id;
            this.server = server;
            this.size = size;
            this.durationNanos = durationNanos;
            this.intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
            this.window = Math.max(1, window);
            int slots = Integer.highestOneBit(this.window * 4 - 1) << 1;
            this.inflightSeq = new long[slots];
            this.inflightSentNanos = new long[slots];
            java.util.Arrays.fill(inflightSeq, -1);
        }

        @Override
        public void run() {
            try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
                channel.connect(server);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                ByteBuffer in = ByteBuffer.allocateDirect(size + 64);
                long start = System.nanoTime();
                long end = start + durationNanos;
                long nextSend = start;
                long nextLossScan = start + LOSS_TIMEOUT_NANOS;
                long seq = 0;
                long now;
                while ((now = System.nanoTime()) < end) {
                    boolean busy = false;
                    if (outstanding < window && now >= nextSend) {
                        send(channel, out, seq++, now);
                        nextSend = intervalNanos == 0 ? now : nextSend + intervalNanos;
                        busy = true;
                    }
                    busy |= receiveAll(channel, in);
                    if (now >= nextLossScan) {
                        expire(now);
                        nextLossScan = now + LOSS_TIMEOUT_NANOS / 4;
                    }
                    if (!busy) {
                        selector.selectNow();
                        selector.selectedKeys().clear();
                        if (outstanding >= window || intervalNanos > 0) {
                            selector.select(1);
                            selector.selectedKeys().clear();
                        }
                    }
                }
                long drainUntil = System.nanoTime() + LOSS_TIMEOUT_NANOS;
                while (outstanding > 0 && System.nanoTime() < drainUntil) {
                    if (!receiveAll(channel, in)) {
                        selector.select(5);
                        selector.selectedKeys().clear();
                    }
                }
                lost += outstanding;
            } catch (IOException e) {
                failure = e;
            }
        }

        private void send(DatagramChannel channel, ByteBuffer out, long seq, long now) throws IOException {
            out.clear();
            out.putLong(seq).putLong(now).putInt(id).putInt(0);
            for (int i = HEADER; i < size; i++) {
                out.put((byte) (seq * 31 + i));
            }
            out.putInt(20, payloadCrc(out));
            out.flip();
            if (channel.write(out) > 0) {
                int slot = (int) seq & (inflightSeq.length - 1);
                if (inflightSeq[slot] >= 0) {
                    lost++; // its slot is reused: that packet never came back
                    outstanding--;
                }
                inflightSeq[slot] = seq;
                inflightSentNanos[slot] = now;
                outstanding++;
                sent++;
            }
        }

        private boolean receiveAll(DatagramChannel channel, ByteBuffer in) throws IOException {
            boolean any = false;
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n <= 0) {
                    return any;
                }
                any = true;
                in.flip();
                check(in, n);
            }
        }

        private void check(ByteBuffer in, int n) {
            long now = System.nanoTime();
            if (n != size) {
                corrupt++;
                return;
            }
            long seq = in.getLong(0);
            long sentAt = in.getLong(8);
            int thread = in.getInt(16);
            int crcSent = in.getInt(20);
            boolean payloadOk = payloadCrc(in) == crcSent;
            for (int i = HEADER; payloadOk && i < size; i++) {
                payloadOk = in.get(i) == (byte) (seq * 31 + i);
            }
            if (thread != id || !payloadOk) {
                corrupt++;
                return;
            }
            int slot = (int) seq & (inflightSeq.length - 1);
            if (inflightSeq[slot] != seq || inflightSentNanos[slot] != sentAt) {
                return; // late echo of a packet already counted lost
            }
            inflightSeq[slot] = -1;
            outstanding--;
            received++;
            latency.record(now - sentAt);
        }

        private int payloadCrc(ByteBuffer packet) {
            crc.reset();
            crc.update(packet.slice(HEADER, size - HEADER));
            return (int) crc.getValue();
        }

        private void expire(long now) {
            for (int slot = 0; slot < inflightSeq.length; slot++) {
                if (inflightSeq[slot] >= 0 && now - inflightSentNanos[slot] > LOSS_TIMEOUT_NANOS) {
                    inflightSeq[slot] = -1;
                    outstanding--;
                    lost++;
                }
            }
        }
    }
}
