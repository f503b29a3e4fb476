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
package io.pagepool.benchmarks;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;

/**
 * Prints, after each JMH iteration, what a pool's counters did during it, when the fork runs
 * with {@code -Dpagepool.bench.poolStats=true} (pass it with {@code -jvmArgsPrepend}, which leaves
 * the benchmarks' own fork flags in place). For finding out why a path is slow: did pages come
 * from slabs, did the ring overflow, were slabs mapped in steady state? Off by default.
 */
final class PoolStatsPrinter {
    static final boolean ENABLED = Boolean.getBoolean("pagepool.bench.poolStats");

    private PoolStats last;

    /** Prints the counters' change since the previous call (or since the pool was built). */
    void printDelta(PagePool pool) {
        if (!ENABLED) {
            return;
        }
        PoolStats now = pool.stats();
        PoolStats before = last;
        last = now;
        long allocated = now.allocPages() - (before == null ? 0 : before.allocPages());
        System.out.printf("%n  [%s] pages allocated %,d: fast %,d, refills from ring %,d, from slabs %,d"
                        + " (ring empty %,d); released into cache %,d, cache full %,d, to ring %,d, ring full %,d;"
                        + " slabs mapped %,d; now %,d pages mapped, %,d in ring, %,d in caches, %,d in flight%n",
                pool.name(), allocated,
                now.allocFast() - (before == null ? 0 : before.allocFast()),
                now.allocRefill() - (before == null ? 0 : before.allocRefill()),
                now.allocSlow() - (before == null ? 0 : before.allocSlow()),
                now.allocEmpty() - (before == null ? 0 : before.allocEmpty()),
                now.recycleCached() - (before == null ? 0 : before.recycleCached()),
                now.recycleCacheFull() - (before == null ? 0 : before.recycleCacheFull()),
                now.recycleRing() - (before == null ? 0 : before.recycleRing()),
                now.recycleRingFull() - (before == null ? 0 : before.recycleRingFull()),
                now.slabsMapped() - (before == null ? 0 : before.slabsMapped()),
                now.pagesMapped(), now.ringSize(), now.cachedPages(), now.inflightPages());
    }
}
