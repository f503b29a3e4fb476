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
package realworld.targets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The textbook UDP server with a worker pool: one thread receives each datagram into a fresh
 * 64 KiB direct buffer and hands the buffer to an {@link ExecutorService}, whose task sends it back.
 */
public final class NioUdpExecutorEcho {
    private static final int BUFFER_BYTES = 64 * 1024;

    private NioUdpExecutorEcho() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code [--max-seconds N]}
     * @throws Exception when the server cannot bind or is interrupted
     */
    public static void main(String[] args) throws Exception {
        ServerRun run = ServerRun.start("nio-udp-executor", args);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        DatagramChannel channel = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread receiver = Thread.ofPlatform().name("receiver").start(() -> receive(channel, workers));
        run.listening(((InetSocketAddress) channel.getLocalAddress()).getPort());
        run.awaitStop();
        channel.close();
        receiver.join();
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers did not stop");
        }
        run.finish();
    }

    private static void receive(DatagramChannel channel, ExecutorService workers) {
        try {
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
                workers.execute(() -> reply(channel, buffer, sender));
            }
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    private static void reply(DatagramChannel channel, ByteBuffer buffer, SocketAddress to) {
        try {
            channel.send(buffer, to);
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
