package io.pagepool.agent.runtime;

/** How a pooled buffer's page came back to the pool (or why a release was ignored). */
public enum ReleasePath {
    /** Released where the bytecode analysis proved the buffer dead (scoped release). */
    SCOPED,
    /** Returned by a method named in {@code release=}. */
    METHOD,
    /** Returned through {@code io.pagepool.PagePools.release(ByteBuffer)}. */
    API,
    /** The buffer and every view of it became unreachable. */
    REACHABILITY,
    /** Ignored: not a pooled buffer (a JDK buffer, a heap buffer, another pool's memory). */
    IGNORED_FOREIGN,
    /** Ignored: a pooled page whose buffer was already released, or a view derived from it. */
    IGNORED_STALE
}
