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

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.pagepool.PoolStatistics}: one event per registered pool and period. Counters are the
 * change since the previous event of the same pool ({@code interval} says how long that was);
 * gauges are values at the end of the interval. Emitted by {@link PeriodicStatistics}.
 *
 * <p>The fields after {@code interval} are the counter table {@link io.pagepool.pool.PoolCounter},
 * in its order, under its names (except {@code maxMemory}, see
 * {@link EventNames#poolStatisticsField}), labels, descriptions and units: annotations need
 * constants, so they are written out here and {@code CounterTableAgreementTest} checks them
 * against the table. {@link PoolStatisticsWriter} fills them from the table.
 */
@Name(EventNames.POOL_STATISTICS)
@Label("Page Pool Statistics")
@Category(EventNames.CATEGORY)
@Description("The page_pool counters of one pool as the change over the interval, and its gauges at the end of it")
@Period("1 s")
@StackTrace(false)
final class PoolStatisticsEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Page Size")
    @Description("Bytes per page")
    @DataAmount
    long pageSize;

    @Label("Mapping")
    @Description("How slabs are mapped: PLAIN, PREFAULT, PINNED or HUGEPAGE (the mode requested)")
    String mapping;

    @Label("Interval")
    @Description("Time since the previous statistics of this pool (or since it was registered or a recording"
            + " started): the counters below changed by that much in it")
    @Timespan
    long interval;

    @Label("Fast Allocations")
    @Description("Pages served from a thread cache without a refill (alloc fast)")
    long allocFast;

    @Label("Slow Allocations")
    @Description("Refills served from slabs, the page allocator (alloc slow)")
    long allocSlow;

    @Label("Slab Maps")
    @Description("Slabs mapped from the OS to serve an allocation (alloc slow high order)")
    long allocSlowHighOrder;

    @Label("Empty Ring Refills")
    @Description("Refills that found the recycle ring empty (alloc empty)")
    long allocEmpty;

    @Label("Ring Refills")
    @Description("Refills served from the recycle ring (alloc refill)")
    long allocRefill;

    @Label("Waives")
    @Description("Allocations the pool did not serve: budget spent, too large, or closed (alloc waive)")
    long allocWaive;

    @Label("Recycled Into Cache")
    @Description("Pages released into a thread cache (recycle cached)")
    long recycleCached;

    @Label("Cache Full")
    @Description("Releases that found the cache full and flushed half of it (recycle cache full)")
    long recycleCacheFull;

    @Label("Recycled Into Ring")
    @Description("Pages moved into the recycle ring (recycle ring)")
    long recycleRing;

    @Label("Ring Full")
    @Description("Pages that found the ring full and went back to their slab (recycle ring full)")
    long recycleRingFull;

    @Label("Shared Releases")
    @Description("Releases that dropped a shared reference without recycling the page (recycle released refcnt)")
    long recycleReleasedRefcnt;

    @Label("Pages Allocated")
    @Description("Pages handed to callers by any path, whole pages and fragment pages")
    long allocPages;

    @Label("Pages Released")
    @Description("Pages whose last reference was released")
    long releasePages;

    @Label("In-Flight Pages")
    @Description("Pages held by callers now: allocPages minus releasePages")
    long inflightPages;

    @Label("Budget Waives")
    @Description("Waives because the memory budget was spent")
    long waiveBudget;

    @Label("Size Waives")
    @Description("Waives because the request was larger than a page")
    long waiveSize;

    @Label("Closed Waives")
    @Description("Waives because the pool was closed")
    long waiveClosed;

    @Label("Pages Mapped")
    @Description("Pages in mapped slabs now")
    long pagesMapped;

    @Label("Bytes Mapped")
    @Description("Bytes in mapped slabs now: the pool's own memory, invisible to jdk.DirectBufferStatistics")
    @DataAmount
    long bytesMapped;

    @Label("Memory Budget")
    @Description("The most bytes the pool may map")
    @DataAmount
    long maxMemory;

    @Label("Slabs Mapped")
    @Description("Slabs mapped from the OS (the map count)")
    long slabsMapped;

    @Label("Slabs Unmapped")
    @Description("Whole free slabs returned to the OS (the unmap count)")
    long slabsUnmapped;

    @Label("Mapping Fallbacks")
    @Description("Slabs that got PREFAULT instead of the requested mapping")
    long mappingFallbacks;

    @Label("Double Returns Dropped")
    @Description("Pages a slab found already free or held when returned, and dropped: each is a racing double"
            + " release that both releases got through")
    long doubleReturnsDropped;

    @Label("Ring Size")
    @Description("Pages in the recycle ring now")
    long ringSize;

    @Label("Ring Capacity")
    @Description("Pages the recycle ring may hold now")
    long ringCapacity;

    @Label("Cached Pages")
    @Description("Pages parked in thread caches now (a racy sum)")
    long cachedPages;

    @Label("Thread Caches")
    @Description("Thread caches and virtual-thread stripes now")
    long threadCaches;

    @Label("Cache Capacity Total")
    @Description("Sum of the capacities of the thread caches now")
    long cacheCapacityTotal;

    @Label("Fast Path Ratio")
    @Description("Share of the allocations of the interval served by the fast path (100 % when there were none)")
    @Percentage
    double fastPathRatio;
}
