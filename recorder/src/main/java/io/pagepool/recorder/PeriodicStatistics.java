package io.pagepool.recorder;

import io.pagepool.pool.PagePool;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;

/**
 * The periodic hooks: one per periodic event type, each covering every registered pool. JFR runs
 * a hook only while a recording enables its event, at the shortest period any recording asks
 * for, on its periodic thread (and at chunk boundaries on the thread that rotates). The hooks
 * reference the registrations, which hold pools weakly, so a pool that is unregistered or
 * collected is never kept reachable by them.
 */
final class PeriodicStatistics {
    private static final Runnable POOL_HOOK = PeriodicStatistics::emitPoolStatistics;
    private static final Runnable CACHE_HOOK = PeriodicStatistics::emitCacheStatistics;
    private static final Runnable LEAK_HOOK = LeaseTable::check;
    /** Guarded by PeriodicStatistics.class. */
    private static boolean installed;
    /** Finished runs of each hook so far: for diagnostics and tests that wait for a period to pass. */
    private static final AtomicLong POOL_RUNS = new AtomicLong();
    private static final AtomicLong CACHE_RUNS = new AtomicLong();

    private PeriodicStatistics() {
    }

    /** Adds the hooks to JFR once per JVM (idempotent). */
    static synchronized void install() {
        if (!installed) {
            FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, POOL_HOOK);
            FlightRecorder.addPeriodicEvent(CacheStatisticsEvent.class, CACHE_HOOK);
            FlightRecorder.addPeriodicEvent(LeakSuspectEvent.class, LEAK_HOOK);
            installed = true;
        }
    }

    /**
     * One PoolStatistics event per registered pool. A pool that was collected, or that is fully
     * closed (after this last event), is unregistered.
     */
    static void emitPoolStatistics() {
        for (Registration r : PoolRecorder.registrations()) {
            PagePool pool = r.pool();
            if (pool == null) {
                PoolRecorder.forget(r);
                continue;
            }
            r.commitPoolStatistics(pool);
            if (pool.isFullyClosed()) {
                PoolRecorder.forget(r);
            }
        }
        POOL_RUNS.incrementAndGet();
    }

    /** One CacheStatistics event per thread cache of each registered pool. */
    static void emitCacheStatistics() {
        for (Registration r : PoolRecorder.registrations()) {
            PagePool pool = r.pool();
            if (pool != null) {
                r.commitCacheStatistics(pool);
            }
        }
        CACHE_RUNS.incrementAndGet();
    }

    static long poolStatisticsRuns() {
        return POOL_RUNS.get();
    }

    static long cacheStatisticsRuns() {
        return CACHE_RUNS.get();
    }
}
