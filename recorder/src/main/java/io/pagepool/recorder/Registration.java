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
import io.pagepool.pool.PoolStats;
import java.lang.ref.WeakReference;
import javax.management.ObjectName;

/**
 * One pool registered with {@link PoolRecorder}: the pool (weakly: the recorder never keeps a pool
 * reachable), its MXBean's name, and the counter snapshots the next statistics events are deltas
 * from.
 *
 * <p>Threading: the statistics methods may run on JFR's periodic thread, on the thread that
 * starts or stops a recording (chunk rotation) and on the thread that unregisters the pool; they
 * are serialized by this object's monitor, which guards the snapshots. The monitor is never held
 * while calling into JFR's recording control, only around {@link PagePool#stats()} and
 * {@link PagePool#cacheStats()} and event commits.
 */
final class Registration {
    private final WeakReference<PagePool> pool;
    final String poolName;
    final ObjectName objectName;

    /** Guarded by this: the snapshot the next PoolStatistics event is a delta from. */
    private PoolStats lastPool;
    private long lastPoolNanos;
    /** Guarded by this: the CacheStatistics snapshots. */
    private final CacheDeltas caches;

    Registration(PagePool pool, ObjectName objectName) {
        this.pool = new WeakReference<>(pool);
        this.poolName = pool.name();
        this.objectName = objectName;
        this.lastPool = pool.stats();
        this.lastPoolNanos = System.nanoTime();
        this.caches = new CacheDeltas(poolName, pool);
    }

    /** The pool, or null once it was garbage-collected. */
    PagePool pool() {
        return pool.get();
    }

    boolean holds(PagePool candidate) {
        return pool.get() == candidate;
    }

    /** Takes the pool's counters now as the start of the next PoolStatistics interval (a recording starts). */
    synchronized void baselinePool(PagePool p) {
        lastPool = p.stats();
        lastPoolNanos = System.nanoTime();
    }

    /** Takes every cache's counters now as the start of the next CacheStatistics interval. */
    synchronized void baselineCaches(PagePool p) {
        caches.baseline(p);
    }

    /** Commits one PoolStatistics event: the change since the previous one. */
    synchronized void commitPoolStatistics(PagePool p) {
        PoolStats now = p.stats();
        long nowNanos = System.nanoTime();
        PoolStats last = lastPool;
        PoolStatisticsEvent e = new PoolStatisticsEvent();
        e.poolName = poolName;
        e.pageSize = p.pageSize();
        e.mapping = p.mapping().name();
        e.interval = nowNanos - lastPoolNanos;
        PoolStatisticsWriter.fill(e, last, now);
        e.commit();
        lastPool = now;
        lastPoolNanos = nowNanos;
    }

    /** Commits one CacheStatistics event per live cache, and one for caches reclaimed since the last. */
    synchronized void commitCacheStatistics(PagePool p) {
        caches.commit(p);
    }
}
