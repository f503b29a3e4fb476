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

/**
 * A registered pool in JMX, as {@code io.pagepool:type=PagePool,name=<pool>} (see
 * {@link PoolRecorder#objectName(String)}): the page_pool counters since the pool was built and
 * the current knob values, all read-only. Visible in JConsole and JMC's MBean browser.
 *
 * <p>Every counter getter takes a fresh {@link io.pagepool.pool.PagePool#stats()} snapshot (about
 * one pass over the thread caches). Once the pool was garbage-collected the getters throw
 * {@link IllegalStateException}.
 */
public interface PagePoolMXBean {
    // ------------------------------------------------------------------ identity and configuration

    /** The pool's name. */
    String getName();

    /** Bytes per page. */
    int getPageSize();

    /** PLAIN, PREFAULT, PINNED or HUGEPAGE (the mode requested). */
    String getMapping();

    /** The most bytes the pool may map ({@link io.pagepool.pool.PoolCounter#MAX_MEMORY_BYTES}). */
    long getMaxMemoryBytes();

    /** True when the pool counts (its {@code stats} option). */
    boolean isStatsEnabled();

    /** True when pages are zeroed before they are handed out. */
    boolean isZeroing();

    /** True when slabs come from {@code mmap}, false when from a JDK arena. */
    boolean isMmapSlabs();

    /** True once {@code close()} was called. */
    boolean isClosed();

    // ------------------------------------------------------------------ knobs (current values)

    /** The capacity of thread caches made from now on, in pages. */
    int getCacheCapacity();

    /** The largest capacity a thread cache may be given, in pages. */
    int getMaxCacheCapacity();

    /** Pages moved into an empty cache per refill. */
    int getRefillBatch();

    /** Pages the recycle ring may hold now ({@link io.pagepool.pool.PoolCounter#RING_CAPACITY}). */
    int getRingCapacity();

    /** The most pages the ring may be set to at run time. */
    int getMaxRingCapacity();

    /** Free slabs kept mapped instead of being returned to the OS. */
    int getSlabReserve();

    // ------------------------------------------------------------------ counters (since the pool was built)

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_FAST}, since the pool was built. */
    long getAllocFast();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_SLOW}, since the pool was built. */
    long getAllocSlow();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_SLOW_HIGH_ORDER}, since the pool was built. */
    long getAllocSlowHighOrder();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_EMPTY}, since the pool was built. */
    long getAllocEmpty();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_REFILL}, since the pool was built. */
    long getAllocRefill();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_WAIVE}, since the pool was built. */
    long getAllocWaive();

    /** {@link io.pagepool.pool.PoolCounter#RECYCLE_CACHED}, since the pool was built. */
    long getRecycleCached();

    /** {@link io.pagepool.pool.PoolCounter#RECYCLE_CACHE_FULL}, since the pool was built. */
    long getRecycleCacheFull();

    /** {@link io.pagepool.pool.PoolCounter#RECYCLE_RING}, since the pool was built. */
    long getRecycleRing();

    /** {@link io.pagepool.pool.PoolCounter#RECYCLE_RING_FULL}, since the pool was built. */
    long getRecycleRingFull();

    /** {@link io.pagepool.pool.PoolCounter#RECYCLE_RELEASED_REFCNT}, since the pool was built. */
    long getRecycleReleasedRefcnt();

    /** {@link io.pagepool.pool.PoolCounter#ALLOC_PAGES}, since the pool was built. */
    long getAllocPages();

    /** {@link io.pagepool.pool.PoolCounter#RELEASE_PAGES}, since the pool was built. */
    long getReleasePages();

    /** {@link io.pagepool.pool.PoolCounter#WAIVE_BUDGET}, since the pool was built. */
    long getWaiveBudget();

    /** {@link io.pagepool.pool.PoolCounter#WAIVE_SIZE}, since the pool was built. */
    long getWaiveSize();

    /** {@link io.pagepool.pool.PoolCounter#WAIVE_CLOSED}, since the pool was built. */
    long getWaiveClosed();

    /** {@link io.pagepool.pool.PoolCounter#SLABS_MAPPED}, since the pool was built. */
    long getSlabsMapped();

    /** {@link io.pagepool.pool.PoolCounter#SLABS_UNMAPPED}, since the pool was built. */
    long getSlabsUnmapped();

    /** {@link io.pagepool.pool.PoolCounter#MAPPING_FALLBACKS}, since the pool was built. */
    long getMappingFallbacks();

    /** {@link io.pagepool.pool.PoolCounter#DOUBLE_RETURNS_DROPPED}, since the pool was built. */
    long getDoubleReturnsDropped();

    /** Share of all allocations served by the fast path, 0..1. */
    double getFastPathRatio();

    // ------------------------------------------------------------------ gauges

    /** {@link io.pagepool.pool.PoolCounter#INFLIGHT_PAGES}, now. */
    long getInflightPages();

    /** {@link io.pagepool.pool.PoolCounter#PAGES_MAPPED}, now. */
    long getPagesMapped();

    /** {@link io.pagepool.pool.PoolCounter#BYTES_MAPPED}, now. */
    long getBytesMapped();

    /** {@link io.pagepool.pool.PoolCounter#RING_SIZE}, now. */
    int getRingSize();

    /** {@link io.pagepool.pool.PoolCounter#CACHED_PAGES}, now. */
    long getCachedPages();

    /** {@link io.pagepool.pool.PoolCounter#THREAD_CACHES}, now. */
    int getThreadCaches();

    /** {@link io.pagepool.pool.PoolCounter#CACHE_CAPACITY_TOTAL}, now. */
    long getCacheCapacityTotal();
}
