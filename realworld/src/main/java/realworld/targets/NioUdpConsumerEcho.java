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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * The textbook receive loop with a callback: each datagram lands in a fresh 1500-byte direct
 * buffer, which the loop passes to a {@code Consumer<ByteBuffer>} that sends it back.
 */
public final class NioUdpConsumerEcho {
    private static final int BUFFER_BYTES = 1500;

    private NioUdpConsumerEcho() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code [--max-seconds N]}
     * @throws Exception when the server cannot bind or is interrupted
     */
    public static void main(String[] args) throws Exception {
        ServerRun run = ServerRun.start("nio-udp-consumer", args);
        DatagramChannel channel = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Reply reply = new Reply(channel);
        Thread loop = Thread.ofPlatform().name("receive-loop").start(() -> receive(channel, reply));
        run.listening(((InetSocketAddress) channel.getLocalAddress()).getPort());
        run.awaitStop();
        channel.close();
        loop.join();
        run.finish();
    }

    private static void receive(DatagramChannel channel, Reply reply) {
        try {
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                reply.to = channel.receive(buffer);
                buffer.flip();
                reply.accept(buffer);
            }
        } catch (ClosedChannelException e) {
            // stopped
        } catch (IOException | UncheckedIOException e) {
            e.printStackTrace();
        }
    }

    /** Sends a buffer to the sender of the datagram being handled; used by the receive loop only. */
    static final class Reply implements Consumer<ByteBuffer> {
        private final DatagramChannel channel;
        SocketAddress to;

        Reply(DatagramChannel channel) {
            this.channel = channel;
        }

        @Override
        public void accept(ByteBuffer buffer) {
            try {
                channel.send(buffer, to);
            } catch (ClosedChannelException e) {
                // stopped: the receive loop ends on its next call
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
