package io.pagepool.pool;

/** Why an allocation was not served from the pool (the caller falls back or fails fast). */
public enum WaiveReason {
    /** Mapping another slab would pass {@code maxMemoryBytes}. */
    BUDGET,
    /** The request is larger than a page. */
    SIZE,
    /** The pool is closed. */
    CLOSED
}
