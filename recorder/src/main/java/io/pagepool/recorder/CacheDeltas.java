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

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CacheStatistics state of one registered pool: per cache id, the snapshot its next event is a
 * change from, and the figures of the caches the pool has reclaimed.
 *
 * <p>A pool reclaims the cache of a thread that ended and folds its counters into the pool's
 * totals; the cache then no longer appears in {@link PagePool#cacheStats()}. What it did since its
 * last event would vanish, so it is recovered from the totals: the counters of every cache ever
 * made (live, stripes, reclaimed) add up to pool counters ({@code hits = allocFast},
 * {@code underflows = allocRefill + allocEmpty}, {@code overflows = recycleCacheFull},
 * {@code releases = recycleCached}), so the reclaimed caches' share is the totals minus the live
 * caches. When a commit finds caches gone (a known id missing, or a gap in the ids: a cache made
 * and reclaimed between two events), that share's change since the last such commit goes into
 * one more event: under the gone cache's own id and thread when there is exactly one, else under
 * cache id {@value #RECLAIMED_ID}, thread {@value #RECLAIMED_THREAD}. The two snapshots are
 * taken one after the other while threads run, so what a live cache does between them may be
 * attributed to the reclaimed share instead of to it (never counted twice or lost: the next
 * share's change corrects it).
 *
 * <p>Threading: guarded by the owning {@link Registration}'s monitor.
 */
final class CacheDeltas {
    /** The cache id of the event that carries several reclaimed caches' figures. */
    static final long RECLAIMED_ID = -1;
    /** Its thread name. */
    static final String RECLAIMED_THREAD = "reclaimed caches";

    private final String poolName;
    private Map<Long, CacheStats> lastCaches = new HashMap<>();
    private long lastNanos;
    /** hits, underflows, overflows, releases of the reclaimed caches at the last commit that had gone caches. */
    private long[] lastReclaimed = new long[4];
    /** The highest cache id seen so far. */
    private long maxIdSeen = -1;

    CacheDeltas(String poolName, PagePool pool) {
        this.poolName = poolName;
        baseline(pool);
    }

    /** Takes every cache's counters now as the start of the next interval. */
    void baseline(PagePool pool) {
        List<CacheStats> caches = pool.cacheStats();
        PoolStats totals = pool.stats();
        Map<Long, CacheStats> next = new HashMap<>();
        for (CacheStats c : caches) {
            next.put(c.cacheId(), c);
            maxIdSeen = Math.max(maxIdSeen, c.cacheId());
        }
        lastCaches = next;
        lastReclaimed = reclaimed(totals, caches);
        lastNanos = System.nanoTime();
    }

    /** Commits one event per live cache, and one for the caches reclaimed since the last commit. */
    void commit(PagePool pool) {
        List<CacheStats> caches = pool.cacheStats();
        PoolStats totals = pool.stats();
        long nowNanos = System.nanoTime();
        long interval = nowNanos - lastNanos;
        Map<Long, CacheStats> next = new HashMap<>(caches.size() * 2);
        long maxIdNow = maxIdSeen;
        for (CacheStats c : caches) {
            CacheStats last = lastCaches.get(c.cacheId()); // null: created since, its counters started at 0
            commit(c.cacheId(), c.threadName(), c.threadId(), c.virtualStripe(), c.capacity(), c.size(), interval,
                    c.hits() - (last == null ? 0 : last.hits()),
                    c.underflows() - (last == null ? 0 : last.underflows()),
                    c.overflows() - (last == null ? 0 : last.overflows()),
                    c.releases() - (last == null ? 0 : last.releases()));
            next.put(c.cacheId(), c);
            maxIdNow = Math.max(maxIdNow, c.cacheId());
        }
        List<CacheStats> gone = new ArrayList<>();
        for (CacheStats c : lastCaches.values()) {
            if (!next.containsKey(c.cacheId())) {
                gone.add(c);
            }
        }
        long madeAndGone = 0; // ids above the last commit's highest, below this one's, that are not live
        for (long id = maxIdSeen + 1; id < maxIdNow; id++) {
            madeAndGone += next.containsKey(id) ? 0 : 1;
        }
        if (!gone.isEmpty() || madeAndGone > 0) {
            long[] reclaimed = reclaimed(totals, caches);
            long[] change = new long[4];
            for (int i = 0; i < change.length; i++) { // minus what the gone caches had shown in their events
                change[i] = reclaimed[i] - lastReclaimed[i];
            }
            for (CacheStats c : gone) {
                change[0] -= c.hits();
                change[1] -= c.underflows();
                change[2] -= c.overflows();
                change[3] -= c.releases();
            }
            CacheStats one = gone.size() == 1 && madeAndGone == 0 ? gone.getFirst() : null;
            commit(one == null ? RECLAIMED_ID : one.cacheId(), one == null ? RECLAIMED_THREAD : one.threadName(),
                    one == null ? -1 : one.threadId(), false, one == null ? 0 : one.capacity(), 0, interval,
                    change[0], change[1], change[2], change[3]);
            lastReclaimed = reclaimed;
        }
        lastCaches = next;
        maxIdSeen = maxIdNow;
        lastNanos = nowNanos;
    }

    /** The reclaimed caches' hits, underflows, overflows, releases: the totals minus the live caches. */
    private static long[] reclaimed(PoolStats totals, List<CacheStats> live) {
        long[] r = {totals.allocFast(), totals.allocRefill() + totals.allocEmpty(), totals.recycleCacheFull(),
                totals.recycleCached()};
        for (CacheStats c : live) {
            r[0] -= c.hits();
            r[1] -= c.underflows();
            r[2] -= c.overflows();
            r[3] -= c.releases();
        }
        return r;
    }

    private void commit(long cacheId, String threadName, long threadId, boolean virtualStripe, long capacity,
                        long size, long interval, long hits, long underflows, long overflows, long releases) {
        CacheStatisticsEvent e = new CacheStatisticsEvent();
        e.poolName = poolName;
        e.cacheId = cacheId;
        e.threadName = threadName;
        e.threadId = threadId;
        e.virtualStripe = virtualStripe;
        e.capacity = capacity;
        e.size = size;
        e.interval = interval;
        e.hits = hits;
        e.underflows = underflows;
        e.overflows = overflows;
        e.releases = releases;
        e.commit();
    }
}
