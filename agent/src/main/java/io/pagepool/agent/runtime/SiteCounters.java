/*
 * Copyright 2026 The pagepool Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.pagepool.agent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The run-time figures of one allocation site: calls served by the pool and by the JDK, and pages
 * returned by each path. Striped by thread id: each figure has one cell per stripe, a thread adds
 * to its stripe's cell with an atomic add (uncontended unless two running threads share a stripe,
 * so no cache line bounces between cores), and a reader sums the stripes with opaque loads. A sum
 * is racy against running writers (it may miss the last adds) but never torn, and each add is
 * counted exactly once. No allocation after construction.
 *
 * <p>Layout: a {@code long[]} of {@link #STRIPES} stripes of {@link #STRIDE} cells (one cache line),
 * after one line of padding so the first stripe does not share a line with the array header.
 */
final class SiteCounters {
    /** Calls served by the pool (pages handed out). */
    static final int SERVED = 0;
    /** Calls the pool declined (too large, empty, budget spent, closed): the JDK served them. */
    static final int WAIVED = 1;
    /** Pages returned by scoped release. */
    static final int RETURNED_SCOPED = 2;
    /** Pages returned by a {@code release=} method or a built-in recipe. */
    static final int RETURNED_METHOD = 3;
    /** Pages returned by {@code invokeCleaner}. */
    static final int RETURNED_CLEANER = 4;
    /** Pages returned through {@code PagePools.release}. */
    static final int RETURNED_API = 5;
    /** Pages returned when their buffer became unreachable. */
    static final int RETURNED_REACHABILITY = 6;
    /** Calls the JDK served because the site was in JDK mode. */
    static final int JDK_MODE = 7;
    /** Figures per stripe. */
    static final int FIGURES = 8;

    static final int STRIDE = 8;
    static final int STRIPES = 8;
    private static final int MASK = STRIPES - 1;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] cells = new long[STRIDE * (STRIPES + 1)];

    /** Adds {@code n} to {@code figure} in the calling thread's stripe. */
    void add(int figure, long n) {
        int stripe = (int) Thread.currentThread().threadId() & MASK;
        CELLS.getAndAdd(cells, STRIDE * (stripe + 1) + figure, n);
    }

    /** Adds one to {@code figure}. */
    void increment(int figure) {
        add(figure, 1);
    }

    /** {@code figure} summed over the stripes. */
    long sum(int figure) {
        long total = 0;
        for (int stripe = 1; stripe <= STRIPES; stripe++) {
            total += (long) CELLS.getOpaque(cells, STRIDE * stripe + figure);
        }
        return total;
    }
}
