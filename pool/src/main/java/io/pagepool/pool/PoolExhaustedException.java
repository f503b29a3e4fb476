package io.pagepool.pool;

import java.io.Serial;

/**
 * Thrown by {@link PagePool#alloc()} when the memory budget is spent and no free page is left.
 * The pool never blocks and never asks for a GC: it fails fast. Callers that prefer a sentinel
 * use {@link PagePool#tryAlloc()}, which returns {@code null} instead.
 */
public final class PoolExhaustedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message) {
        super(message, null, false, false);
    }
}
