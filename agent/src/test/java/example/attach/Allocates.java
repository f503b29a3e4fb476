package example.attach;

import java.nio.ByteBuffer;

/** Per-packet allocations, one scoped site and one that escapes to a field. */
final class Allocates {
    static ByteBuffer last;

    private Allocates() {
    }

    static long checksum(int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        buffer.putInt(0, size);
        return buffer.getInt(0);
    }

    static void keep(int size) {
        last = ByteBuffer.allocateDirect(size);
    }
}
