package io.pagepool.pool;

/** Which path served an allocation, as reported to an {@link AllocationSampler}. */
public enum AllocationPath {
    /** Popped from the thread's cache. */
    FAST,
    /** The cache was empty and refilled from the recycle ring. */
    REFILL,
    /** The cache and ring were empty: carved from slabs (maybe mapping one). */
    SLOW,
    /** Not served by the pool: budget spent, too large, or closed. */
    WAIVE
}
