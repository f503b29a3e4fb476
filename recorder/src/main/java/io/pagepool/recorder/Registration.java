package io.pagepool.recorder;

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Guarded by this: per cache id, the snapshot the next CacheStatistics event is a delta from. */
    private Map<Long, CacheStats> lastCaches = new HashMap<>();
    /** Guarded by this: when the cache snapshots were last taken (all at once): the start of every interval. */
    private long lastCacheNanos;

    Registration(PagePool pool, ObjectName objectName) {
        this.pool = new WeakReference<>(pool);
        this.poolName = pool.name();
        this.objectName = objectName;
        long now = System.nanoTime();
        this.lastPool = pool.stats();
        this.lastPoolNanos = now;
        this.lastCacheNanos = now;
        for (CacheStats c : pool.cacheStats()) {
            lastCaches.put(c.cacheId(), c);
        }
    }

    /** The pool, or null once it was garbage-collected. */
    PagePool pool() {
        return pool.get();
    }

    boolean holds(PagePool candidate) {
        return pool.get() == candidate;
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

    /** Commits one CacheStatistics event per live cache: the change since the previous one. */
    synchronized void commitCacheStatistics(PagePool p) {
        List<CacheStats> caches = p.cacheStats();
        long nowNanos = System.nanoTime();
        Map<Long, CacheStats> next = new HashMap<>(caches.size() * 2);
        for (CacheStats c : caches) {
            CacheStats last = lastCaches.get(c.cacheId());
            CacheStatisticsEvent e = new CacheStatisticsEvent();
            e.poolName = poolName;
            e.cacheId = c.cacheId();
            e.threadName = c.threadName();
            e.threadId = c.threadId();
            e.virtualStripe = c.virtualStripe();
            e.capacity = c.capacity();
            e.size = c.size();
            e.interval = nowNanos - lastCacheNanos;
            if (last == null) { // a cache created since the last event: its counters started at 0
                e.hits = c.hits();
                e.underflows = c.underflows();
                e.overflows = c.overflows();
                e.releases = c.releases();
            } else {
                e.hits = c.hits() - last.hits();
                e.underflows = c.underflows() - last.underflows();
                e.overflows = c.overflows() - last.overflows();
                e.releases = c.releases() - last.releases();
            }
            e.commit();
            next.put(c.cacheId(), c);
        }
        lastCaches = next; // caches that were reclaimed drop out here
        lastCacheNanos = nowNanos;
    }
}
