package example.attach;

import java.nio.ByteBuffer;

/** Its static initialiser throws: once loaded, the class stays in the error state. */
final class BrokenInit {
    static final ByteBuffer PROBE = probe();

    private BrokenInit() {
    }

    private static ByteBuffer probe() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        if (buffer.capacity() > 0) {
            throw new IllegalStateException("optional native probe not available");
        }
        return buffer;
    }

    static int touch() {
        return PROBE.capacity();
    }
}
