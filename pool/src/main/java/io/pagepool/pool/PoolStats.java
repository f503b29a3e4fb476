package io.pagepool.pool;

/**
 * A snapshot of a pool's counters: the kernel page_pool's set in camelCase, plus gauges.
 * Counters only grow; gauges are current values. Read by the recorder (JFR), JMX and the tuner.
 *
 * @param allocFast pages served from a thread cache without a refill
 * @param allocSlow refills served from slabs (the page allocator)
 * @param allocSlowHighOrder slabs mapped from the OS to serve an allocation
 * @param allocEmpty refills that found the recycle ring empty
 * @param allocRefill refills served from the recycle ring
 * @param allocWaive allocations the pool did not serve (budget, size, closed)
 * @param recycleCached pages released into a thread cache
 * @param recycleCacheFull releases that found the cache full and flushed half of it
 * @param recycleRing pages moved into the recycle ring
 * @param recycleRingFull pages that found the ring full and went back to their slab
 * @param recycleReleasedRefcnt releases that dropped a shared reference without recycling
 * @param holdPages pages handed to callers (whole pages and fragment pages)
 * @param releasePages pages whose last reference was released
 * @param inflightPages {@code holdPages - releasePages}: pages held by callers now
 * @param waiveBudget waives because the memory budget was spent
 * @param waiveSize waives because the request was larger than a page
 * @param waiveClosed waives because the pool was closed
 * @param pagesMapped pages in mapped slabs now
 * @param bytesMapped bytes in mapped slabs now
 * @param maxMemoryBytes the memory budget
 * @param slabsMapped slabs mapped so far (the "map" count)
 * @param slabsUnmapped slabs returned to the OS so far (the "unmap" count)
 * @param mappingFallbacks slabs that got {@code PREFAULT} instead of the requested mapping
 * @param ringSize pages in the recycle ring now
 * @param ringCapacity the ring's capacity now
 * @param cachedPages pages in thread caches now (racy sum)
 * @param threadCaches thread caches and virtual-thread stripes now
 * @param cacheCapacityTotal the sum of their capacities
 */
public record PoolStats(
        long allocFast, long allocSlow, long allocSlowHighOrder, long allocEmpty, long allocRefill,
        long allocWaive, long recycleCached, long recycleCacheFull, long recycleRing, long recycleRingFull,
        long recycleReleasedRefcnt, long holdPages, long releasePages, long inflightPages,
        long waiveBudget, long waiveSize, long waiveClosed,
        long pagesMapped, long bytesMapped, long maxMemoryBytes, long slabsMapped, long slabsUnmapped,
        long mappingFallbacks, int ringSize, int ringCapacity, long cachedPages, int threadCaches,
        long cacheCapacityTotal) {

    /** Pages allocated (handed to callers) in total. */
    public long allocPages() {
        return holdPages;
    }

    /** The share of allocations served by the fast path, 0..1 (1 when nothing was allocated). */
    public double fastPathRatio() {
        return holdPages == 0 ? 1.0 : (double) allocFast / holdPages;
    }
}
