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
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One connection of {@link NioTcpReactorEcho}: echoes each buffer the reactor read, keeping what the
 * socket did not take until it is writable. Threading: the reactor thread only.
 */
final class ReactorConnection {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();

    ReactorConnection(SocketChannel channel, SelectionKey key) {
        this.channel = channel;
        this.key = key;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Echoes {@code buffer}, filled by a read and not yet flipped. */
    void onRead(ByteBuffer buffer) throws IOException {
        buffer.flip();
        if (pending.isEmpty()) {
            channel.write(buffer);
        }
        if (buffer.hasRemaining()) {
            pending.add(buffer);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** Writes what is pending; back to reading only once all is written. */
    void onWritable() throws IOException {
        while (!pending.isEmpty()) {
            ByteBuffer head = pending.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            pending.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // closing a broken connection: nothing left to do
        }
    }
}
