package example.packets;

import java.nio.ByteBuffer;

/** Loaded and run before the agent starts: retransformed, its next calls are rewritten. */
public final class LoadedEarly {
    private LoadedEarly() {
    }

    public static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }
}
