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

/**
 * A snapshot of a pool's counters: the kernel page_pool's set in camelCase, plus gauges.
 * Counters only grow; gauges are current values. Read by the recorder (JFR), JMX and the tuner.
 * Each component is one entry of the counter table {@link PoolCounter}, in the same order and
 * under the same name; the descriptions below are the table's, word for word (a test checks it).
 *
 * @param allocFast Pages served from a thread cache without a refill (alloc fast)
 * @param allocSlow Refills served from slabs, the page allocator (alloc slow)
 * @param allocSlowHighOrder Slabs mapped from the OS to serve an allocation (alloc slow high order)
 * @param allocEmpty Refills that found the recycle ring empty (alloc empty)
 * @param allocRefill Refills served from the recycle ring (alloc refill)
 * @param allocWaive Allocations the pool did not serve: budget spent, too large, or closed (alloc waive)
 * @param recycleCached Pages released into a thread cache (recycle cached)
 * @param recycleCacheFull Releases that found the cache full and flushed half of it (recycle cache full)
 * @param recycleRing Pages moved into the recycle ring (recycle ring)
 * @param recycleRingFull Pages that found the ring full and went back to their slab (recycle ring full)
 * @param recycleReleasedRefcnt Releases that dropped a shared reference without recycling the page
 *        (recycle released refcnt)
 * @param allocPages Pages handed to callers by any path, whole pages and fragment pages
 * @param releasePages Pages whose last reference was released
 * @param inflightPages Pages held by callers now: allocPages minus releasePages
 * @param waiveBudget Waives because the memory budget was spent
 * @param waiveSize Waives because the request was larger than a page
 * @param waiveClosed Waives because the pool was closed
 * @param pagesMapped Pages in mapped slabs now
 * @param bytesMapped Bytes in mapped slabs now: the pool's own memory, invisible to jdk.DirectBufferStatistics
 * @param maxMemoryBytes The most bytes the pool may map
 * @param slabsMapped Slabs mapped from the OS (the map count)
 * @param slabsUnmapped Whole free slabs returned to the OS (the unmap count)
 * @param mappingFallbacks Slabs that got PREFAULT instead of the requested mapping
 * @param doubleReturnsDropped Pages a slab found already free or held when returned, and dropped: each is a
 *        racing double release that both releases got through
 * @param ringSize Pages in the recycle ring now
 * @param ringCapacity Pages the recycle ring may hold now
 * @param cachedPages Pages parked in thread caches now (a racy sum)
 * @param threadCaches Thread caches and virtual-thread stripes now
 * @param cacheCapacityTotal Sum of the capacities of the thread caches now
 */
public record PoolStats(
        long allocFast, long allocSlow, long allocSlowHighOrder, long allocEmpty, long allocRefill,
        long allocWaive, long recycleCached, long recycleCacheFull, long recycleRing, long recycleRingFull,
        long recycleReleasedRefcnt, long allocPages, long releasePages, long inflightPages,
        long waiveBudget, long waiveSize, long waiveClosed,
        long pagesMapped, long bytesMapped, long maxMemoryBytes, long slabsMapped, long slabsUnmapped,
        long mappingFallbacks, long doubleReturnsDropped, int ringSize, int ringCapacity, long cachedPages,
        int threadCaches, long cacheCapacityTotal) {

    /** The share of allocations served by the fast path, 0..1 (1 when nothing was allocated). */
    public double fastPathRatio() {
        return allocPages == 0 ? 1.0 : (double) allocFast / allocPages;
    }
}
