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
package io.pagepool.recorder;

import io.pagepool.pool.PagePool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import jdk.jfr.FlightRecorder;

/**
 * The periodic hooks: one per periodic event type, each covering every registered pool. JFR runs
 * a hook only while a recording enables its event, at the shortest period any recording asks
 * for, on its periodic thread. The statistics are also {@link ChunkBoundaries} sources: committed
 * at the end of every chunk (a recording's stop, dump or the JVM's exit) and baselined when a
 * recording starts. Every commit is the change since the previous one, computed under the
 * registration's monitor, so the timed and the chunk-end commits never count a change twice. The
 * hooks reference the registrations, which hold pools weakly, so a pool that is unregistered or
 * collected is never kept reachable by them.
 */
final class PeriodicStatistics {
    /** Finished timed runs of each hook so far: for diagnostics and tests that wait for a period to pass. */
    private static final AtomicLong POOL_RUNS = new AtomicLong();
    private static final AtomicLong CACHE_RUNS = new AtomicLong();
    private static final Runnable POOL_HOOK = () -> {
        emitPoolStatistics();
        POOL_RUNS.incrementAndGet();
    };
    private static final Runnable CACHE_HOOK = () -> {
        emitCacheStatistics();
        CACHE_RUNS.incrementAndGet();
    };
    /** PoolStatistics at chunk boundaries. */
    private static final ChunkBoundaries.Source POOL_SOURCE = chunkSource(
            () -> new PoolStatisticsEvent().isEnabled(), PeriodicStatistics::emitPoolStatistics,
            Registration::baselinePool);
    /** CacheStatistics at chunk boundaries. */
    private static final ChunkBoundaries.Source CACHE_SOURCE = chunkSource(
            () -> new CacheStatisticsEvent().isEnabled(), PeriodicStatistics::emitCacheStatistics,
            Registration::baselineCaches);
    private static final Runnable LEAK_HOOK = LeaseTable::check;
    /** Guarded by PeriodicStatistics.class. */
    private static boolean installed;

    /** A chunk-boundary source that emits when its event is enabled and baselines every live pool. */
    private static ChunkBoundaries.Source chunkSource(BooleanSupplier enabled, Runnable emit,
                                                      BiConsumer<Registration, PagePool> baseline) {
        return new ChunkBoundaries.Source() {
            @Override
            public boolean commitIfEnabled() {
                if (!enabled.getAsBoolean()) {
                    return false;
                }
                emit.run();
                return true;
            }

            @Override
            public void baseline() {
                for (Registration r : PoolRecorder.registrations()) {
                    PagePool pool = r.pool();
                    if (pool != null) {
                        baseline.accept(r, pool);
                    }
                }
            }
        };
    }

    private PeriodicStatistics() {
    }

    /** Adds the hooks to JFR once per JVM (idempotent). */
    static synchronized void install() {
        if (!installed) {
            FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, POOL_HOOK);
            FlightRecorder.addPeriodicEvent(CacheStatisticsEvent.class, CACHE_HOOK);
            FlightRecorder.addPeriodicEvent(LeakSuspectEvent.class, LEAK_HOOK);
            ChunkBoundaries.add(POOL_SOURCE);
            ChunkBoundaries.add(CACHE_SOURCE);
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
    }

    /** One CacheStatistics event per thread cache of each registered pool. */
    static void emitCacheStatistics() {
        for (Registration r : PoolRecorder.registrations()) {
            PagePool pool = r.pool();
            if (pool != null) {
                r.commitCacheStatistics(pool);
            }
        }
    }

    /** Timed runs of the PoolStatistics hook so far (chunk-boundary commits not counted). */
    static long poolStatisticsRuns() {
        return POOL_RUNS.get();
    }

    static long cacheStatisticsRuns() {
        return CACHE_RUNS.get();
    }
}
