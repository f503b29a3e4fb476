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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control surface that the tuner and the agent use: the run-time setters (validated here),
 * trimming, and the read side (statistics, cache statistics).
 *
 * <p>Threading: any thread, while other threads allocate. A cache applies a new capacity at its
 * owner's next push or refill; the ring and slab knobs take effect at once.
 */
final class PoolControl {
    private final PoolSettings settings;
    private final CacheRegistry caches;
    private final RecycleRing ring;
    private final SlabAllocator slabs;

    PoolControl(PoolSettings settings, CacheRegistry caches, RecycleRing ring, SlabAllocator slabs) {
        this.settings = settings;
        this.caches = caches;
        this.ring = ring;
        this.slabs = slabs;
    }

    void setCacheCapacity(int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 1, settings.maxCacheCapacity);
        settings.setNewCacheCapacity(pages);
        caches.setAllCapacities(pages);
    }

    boolean setCacheCapacity(long cacheId, int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 0, settings.maxCacheCapacity);
        return caches.setCapacity(cacheId, pages);
    }

    void setNewCacheCapacity(int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 1, settings.maxCacheCapacity);
        settings.setNewCacheCapacity(pages);
    }

    void setRefillBatch(int pages) {
        PagePoolBuilder.requireRange("refillBatch", pages, 1, settings.maxCacheCapacity);
        settings.setRefillBatch(pages);
    }

    void setRingCapacity(int pages) {
        PagePoolBuilder.requireRange("ringCapacity", pages, 1, ring.physicalSlots());
        ring.setCapacity(pages);
    }

    void setSlabReserve(int slabCount) {
        PagePoolBuilder.requireRange("slabReserve", slabCount, 0, 1 << 20);
        slabs.setSlabReserve(slabCount);
    }

    /** Returns up to {@code maxPages} ring pages to their slabs, 64 per slab-lock hold; returns how many. */
    int returnRingPages(int maxPages) {
        PagePoolBuilder.requireRange("maxPages", maxPages, 0, Integer.MAX_VALUE);
        int[] batch = new int[Math.min(64, Math.max(1, maxPages))];
        int moved = 0;
        int n;
        while (moved < maxPages && (n = ring.consume(batch, 0, Math.min(batch.length, maxPages - moved))) > 0) {
            slabs.returnPages(batch, 0, n);
            moved += n;
        }
        return moved;
    }

    /** Returns every page in the ring to its slab. */
    void drainRing() {
        returnRingPages(Integer.MAX_VALUE);
    }

    /**
     * Returns what an idle pool can give back without its threads: the virtual-thread stripes,
     * ended threads' caches and the ring go to the slabs, then every free slab is unmapped.
     * Returns how many slabs were unmapped. Call with no stripe or slab lock held.
     */
    int returnIdle() {
        caches.drainStripes();
        caches.reclaimEnded();
        drainRing();
        return slabs.trim(0);
    }

    int trim(int keepFreeSlabs) {
        PagePoolBuilder.requireRange("keepFreeSlabs", keepFreeSlabs, 0, 1 << 20);
        return slabs.trim(keepFreeSlabs);
    }

    /** A snapshot of every counter and gauge; about one pass over the caches. */
    PoolStats stats() {
        long[] s = new long[Counters.COUNT];
        caches.sumCounters(s);
        slabs.lockedCounters.addTo(s);
        long hold = s[Counters.ALLOC_FAST] + s[Counters.HOLD_SLOW];
        // a racing double release counts two releases of one hold; the slab that drops the copy undoes one
        long release = s[Counters.RECYCLE_CACHED] + s[Counters.RELEASE_SLOW]
                - (settings.counting() ? slabs.doubleReturnsDropped() : 0);
        CacheRegistry.Occupancy o = caches.occupancy();
        return new PoolStats(s[Counters.ALLOC_FAST], s[Counters.ALLOC_SLOW], s[Counters.ALLOC_SLOW_HIGH_ORDER],
                s[Counters.ALLOC_EMPTY], s[Counters.ALLOC_REFILL], s[Counters.ALLOC_WAIVE],
                s[Counters.RECYCLE_CACHED], s[Counters.RECYCLE_CACHE_FULL], s[Counters.RECYCLE_RING],
                s[Counters.RECYCLE_RING_FULL], s[Counters.RECYCLE_RELEASED_REFCNT], hold, release, hold - release,
                s[Counters.WAIVE_BUDGET], s[Counters.WAIVE_SIZE], s[Counters.WAIVE_CLOSED],
                slabs.pagesMapped(), slabs.bytesMapped(), settings.maxMemoryBytes, slabs.slabsMappedTotal(),
                slabs.slabsUnmappedTotal(), slabs.mappingFallbacks(), slabs.doubleReturnsDropped(),
                ring.size(), ring.capacity(), o.cachedPages(), o.caches(), o.capacityTotal());
    }

    /** See {@link PagePool#audit()}. */
    PoolAudit audit() {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> places = new HashMap<>();
        long seen = 0;
        long duplicates = 0;
        for (ThreadCache cache : caches.all()) {
            int[] stack = cache.stack;
            int size = Math.min(cache.sizeRacy(), stack.length);
            for (int i = 0; i < size; i++) {
                duplicates += place(places, stack[i], "the cache of " + cache.ownerName, problems);
                seen++;
            }
        }
        for (int id : ring.snapshot()) {
            duplicates += place(places, id, "the recycle ring", problems);
            seen++;
        }
        for (int id : slabs.freeIds()) {
            duplicates += place(places, id, "its slab's free list", problems);
            seen++;
        }
        return new PoolAudit(seen, duplicates, slabs.doubleReturnsDropped(), problems);
    }

    /** Records that page {@code id} is free in {@code place}; returns 1 when it was already seen free. */
    private int place(Map<Integer, String> places, int id, String place, List<String> problems) {
        Page page = slabs.pageTable().get(id);
        if (page == null) {
            problems.add("page id " + id + " in " + place + " names no mapped page");
            return 0;
        }
        if (page.refCount() != 0) {
            problems.add(page + " is free in " + place + " but has refcount " + page.refCount());
        }
        String before = places.putIfAbsent(id, place);
        if (before != null) {
            problems.add(page + " is free twice: in " + before + " and in " + place);
            return 1;
        }
        return 0;
    }

    List<CacheStats> cacheStats() {
        return caches.cacheStats();
    }

    SlabAllocator slabs() {
        return slabs;
    }

    RecycleRing ring() {
        return ring;
    }

    CacheRegistry caches() {
        return caches;
    }
}
