package io.pagepool.pool;

import java.lang.foreign.MemorySegment;

/** A read-only source of zero bytes as large as the largest page, for zeroing on hand-out. */
final class Zeros {
    static final MemorySegment SEGMENT = MemorySegment.ofArray(new byte[PagePoolBuilder.MAX_PAGE_SIZE])
            .asReadOnly();

    private Zeros() {
    }
}
