package io.pagepool.pool;

/**
 * How a slab's memory is prepared when it is mapped: the analogue of the kernel page_pool's DMA
 * mapping. It is applied once per slab and kept while the slab's pages recycle, so the hot path
 * never pays for it.
 */
public enum Mapping {
    /** Just allocated: the OS faults pages in on first touch (on the hot path). */
    PLAIN,
    /** Every OS page touched once when the slab is mapped, so no page fault on the hot path. */
    PREFAULT,
    /**
     * Locked in RAM with {@code mlock} (never swapped; implies pre-faulted). Needs native access
     * and a large enough RLIMIT_MEMLOCK; otherwise the pool falls back to {@link #PREFAULT} with
     * one warning and counts the fallback.
     */
    PINNED,
    /**
     * Transparent huge pages requested with {@code madvise(MADV_HUGEPAGE)}, then pre-faulted. Needs
     * native access; otherwise falls back to {@link #PREFAULT} with one warning.
     */
    HUGEPAGE;

    /** True when this mode needs calls into libc through the FFM {@code Linker}. */
    boolean needsNativeCalls() {
        return this == PINNED || this == HUGEPAGE;
    }
}
