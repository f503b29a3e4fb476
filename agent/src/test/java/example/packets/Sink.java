package example.packets;

import java.nio.ByteBuffer;

/** Named in {@code release=}: its ByteBuffer arguments go back to the pool when it returns. */
public final class Sink {
    public static long consumed;

    private Sink() {
    }

    public static void consume(ByteBuffer packet) {
        consumed += packet.remaining();
    }

    public static void consumeThenFail(ByteBuffer packet) {
        consumed += packet.remaining();
        throw new IllegalStateException("downstream failed");
    }
}
