package example.packets;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/** Application code that never heard of pagepool: the in-process agent test rewrites it. */
public final class PacketCode {
    private PacketCode() {
    }

    public static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }

    public static ByteBuffer viaMethodReference(int capacity) {
        IntFunction<ByteBuffer> allocator = ByteBuffer::allocateDirect;
        return allocator.apply(capacity);
    }

    /** A constructor's call site is rewritten too. */
    public static final class Frame {
        public final ByteBuffer buffer;

        public Frame(int capacity) {
            buffer = ByteBuffer.allocateDirect(capacity);
        }
    }
}
