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
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A UDP echo server written the way many packet servers are: one {@code allocateDirect} per
 * received packet, echoed back to the sender. It never imports pagepool; run it with and without
 * the agent and compare.
 *
 * <pre>
 * java -cp pagepool-samples.jar io.pagepool.samples.UdpEchoServer [--port 0] [--threads 2]
 *      [--size 2048] [--duration 0] [--bind 127.0.0.1] [--protocol echo|sockperf]
 * </pre>
 *
 * {@code --size} is the receive buffer allocated per datagram ({@code allocateDirect(size)});
 * 65536 holds any datagram, as much UDP code allocates; a datagram longer than the buffer is
 * cut to it, as {@code DatagramChannel.receive} does.
 *
 * Workers each own a channel bound to the same port with SO_REUSEPORT (one shared channel when
 * the OS lacks it). It prints {@code UdpEchoServer listening on HOST:PORT} once ready and, at
 * exit (end of --duration seconds, or SIGTERM), one {@code RESULT} line with packets echoed, GC
 * count and time, and the direct-memory peak.
 *
 * <p>{@code --protocol sockperf} answers a real external client, {@code sockperf ping-pong}
 * (Debian package {@code sockperf}): sockperf's header is a sequence number (8 bytes), flags (2)
 * and length (4) in network order, and its client only accepts replies whose client flag is
 * cleared, sent for messages that request a pong.
 */
public final class UdpEchoServer {
    private UdpEchoServer() {
    }

    /**
     * Echoes UDP datagrams on loopback and prints GC and direct-memory figures.
     *
     * @param argv {@code --name value} options (see the class comment)
     * @throws Exception if the run fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args("UdpEchoServer", argv, Set.of("port", "threads", "size", "duration", "bind", "protocol"));
        String protocol = args.string("protocol", "echo");
        if (!protocol.equals("echo") && !protocol.equals("sockperf")) {
            throw new IllegalArgumentException(
                    "UdpEchoServer: --protocol must be echo or sockperf, got '" + protocol + "'");
        }
        boolean sockperf = protocol.equals("sockperf");
        int threads = args.integer("threads", 2);
        int size = args.integer("size", 2048);
        long durationSeconds = args.number("duration", 0);
        JvmStats jvm = new JvmStats();
        LongAdder echoed = new LongAdder();

        List<DatagramChannel> channels = open(args.string("bind", "127.0.0.1"), args.integer("port", 0), threads);
        InetSocketAddress local = (InetSocketAddress) channels.getFirst().getLocalAddress();
        Runnable report = () -> System.out.println("RESULT server echoed=" + echoed.sum() + " " + jvm.summary());
        Thread hook = new Thread(report, "udpecho-report");
        Runtime.getRuntime().addShutdownHook(hook);

        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            DatagramChannel channel = channels.get(i % channels.size());
            workers.add(Thread.ofPlatform().name("udpecho-" + i).start(() -> serve(channel, size, sockperf, echoed)));
        }
        System.out.println("UdpEchoServer listening on " + local.getHostString() + ":" + local.getPort() + " with "
                + threads + " workers on " + channels.size() + " sockets");
        System.out.flush();
        if (durationSeconds > 0) {
            Thread.sleep(durationSeconds * 1000);
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            report.run();
        } else {
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }

    private static List<DatagramChannel> open(String host, int port, int threads) throws IOException {
        List<DatagramChannel> channels = new ArrayList<>();
        DatagramChannel first = DatagramChannel.open();
        boolean reusePort = first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        if (reusePort) {
            first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        first.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        first.bind(new InetSocketAddress(host, port));
        channels.add(first);
        int bound = ((InetSocketAddress) first.getLocalAddress()).getPort();
        for (int i = 1; reusePort && i < threads; i++) {
            DatagramChannel more = DatagramChannel.open();
            more.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            more.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            more.bind(new InetSocketAddress(host, bound));
            channels.add(more);
        }
        return channels;
    }

    private static final int SOCKPERF_FLAGS_OFFSET = 8;
    private static final int SOCKPERF_CLIENT = 1;
    private static final int SOCKPERF_PONG_REQUEST = 2;

    /** The worker loop: one {@link #echoOne} per datagram until the channel closes. */
    private static void serve(DatagramChannel channel, int size, boolean sockperf, LongAdder echoed) {
        try {
            while (true) {
                if (echoOne(channel, size, sockperf)) {
                    echoed.increment();
                }
            }
        } catch (ClosedChannelException closed) {
            // shutting down
        } catch (IOException e) {
            System.err.println("UdpEchoServer: " + e);
        }
    }

    /**
     * One datagram, as in the wild: a fresh direct buffer, received into and echoed back (a
     * sockperf request is turned into its reply in place first). Returns whether it was echoed.
     */
    private static boolean echoOne(DatagramChannel channel, int size, boolean sockperf) throws IOException {
        ByteBuffer packet = ByteBuffer.allocateDirect(size);
        SocketAddress from = channel.receive(packet);
        packet.flip();
        if (sockperf) {
            int flags = packet.remaining() < 14 ? 0 : packet.getShort(SOCKPERF_FLAGS_OFFSET) & 0xffff;
            if ((flags & SOCKPERF_PONG_REQUEST) == 0) {
                return false; // not a request for a reply
            }
            packet.putShort(SOCKPERF_FLAGS_OFFSET, (short) (flags & ~SOCKPERF_CLIENT));
        }
        channel.send(packet, from);
        return true;
    }
}
