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
