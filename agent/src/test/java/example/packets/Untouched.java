package example.packets;

import java.nio.ByteBuffer;

/** Excluded by the test's {@code exclude=} option: keeps the JDK's allocateDirect. */
public final class Untouched {
    private Untouched() {
    }

    public static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }
}
