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
