package io.pagepool.pool;

import java.util.List;

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
        long release = s[Counters.RECYCLE_CACHED] + s[Counters.RELEASE_SLOW];
        CacheRegistry.Occupancy o = caches.occupancy();
        return new PoolStats(s[Counters.ALLOC_FAST], s[Counters.ALLOC_SLOW], s[Counters.ALLOC_SLOW_HIGH_ORDER],
                s[Counters.ALLOC_EMPTY], s[Counters.ALLOC_REFILL], s[Counters.ALLOC_WAIVE],
                s[Counters.RECYCLE_CACHED], s[Counters.RECYCLE_CACHE_FULL], s[Counters.RECYCLE_RING],
                s[Counters.RECYCLE_RING_FULL], s[Counters.RECYCLE_RELEASED_REFCNT], hold, release, hold - release,
                s[Counters.WAIVE_BUDGET], s[Counters.WAIVE_SIZE], s[Counters.WAIVE_CLOSED],
                slabs.pagesMapped(), slabs.bytesMapped(), settings.maxMemoryBytes, slabs.slabsMappedTotal(),
                slabs.slabsUnmappedTotal(), slabs.mappingFallbacks(), ring.size(), ring.capacity(),
                o.cachedPages(), o.caches(), o.capacityTotal());
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
