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
package io.pagepool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One writer's set of page_pool counters: a {@code long[]} indexed by the constants below.
 *
 * <p>Threading: exactly one thread writes a given instance at a time (a thread cache's owner, the
 * holder of a stripe lock, or the holder of the slab lock), with plain stores; any thread reads
 * with opaque loads and sums. Plain stores keep the fast path free of the compiler barriers that
 * opaque stores imply (measured: ~10 ns per alloc+release); the price is that a reader may see a
 * counter behind by the events of a loop the JIT has not yet flushed to memory, never a torn
 * value (64-bit HotSpot reads and writes longs atomically).
 */
final class Counters {
    static final int ALLOC_FAST = 0;
    static final int ALLOC_SLOW = 1;
    static final int ALLOC_SLOW_HIGH_ORDER = 2;
    static final int ALLOC_EMPTY = 3;
    static final int ALLOC_REFILL = 4;
    static final int ALLOC_WAIVE = 5;
    static final int RECYCLE_CACHED = 6;
    static final int RECYCLE_CACHE_FULL = 7;
    static final int RECYCLE_RING = 8;
    static final int RECYCLE_RING_FULL = 9;
    static final int RECYCLE_RELEASED_REFCNT = 10;
    /**
     * Pages handed to callers by any path but the fast one (so holds = ALLOC_FAST + HOLD_SLOW);
     * kept apart so that the fast path updates one counter.
     */
    static final int HOLD_SLOW = 11;
    /** Last releases not recycled into a cache (so releases = RECYCLE_CACHED + RELEASE_SLOW). */
    static final int RELEASE_SLOW = 12;
    static final int WAIVE_BUDGET = 13;
    static final int WAIVE_SIZE = 14;
    static final int WAIVE_CLOSED = 15;
    /** Allocations that found the cache empty. */
    static final int UNDERFLOWS = 16;
    static final int COUNT = 17;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * JVM-wide static switch ({@code -Dpagepool.stats=false}): when off, every counter update
     * is folded away by the JIT. The per-pool {@code stats} flag is the run-time switch.
     */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("pagepool.stats"));

    private final long[] counts = new long[COUNT];

    /** Adds one to {@code counter}. Owner only; plain store. */
    void inc(int counter) {
        counts[counter]++;
    }

    /** Adds {@code n} to {@code counter}. Owner only; plain store. */
    void add(int counter, long n) {
        counts[counter] += n;
    }

    /** Reads {@code counter}. Any thread. */
    long get(int counter) {
        return (long) LONGS.getOpaque(counts, counter);
    }

    /** Adds every counter of this set into {@code sums}. Any thread. */
    void addTo(long[] sums) {
        for (int i = 0; i < COUNT; i++) {
            sums[i] += (long) LONGS.getOpaque(counts, i);
        }
    }

    /** Adds {@code from} into this set; the caller is this set's single writer. */
    void absorb(long[] from) {
        for (int i = 0; i < COUNT; i++) {
            counts[i] += from[i];
        }
    }
}
