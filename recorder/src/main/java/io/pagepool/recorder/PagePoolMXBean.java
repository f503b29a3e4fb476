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

    String getName();

    int getPageSize();

    /** PLAIN, PREFAULT, PINNED or HUGEPAGE (the mode requested). */
    String getMapping();

    long getMaxMemoryBytes();

    boolean isStatsEnabled();

    boolean isZeroing();

    /** True when slabs come from {@code mmap}, false when from a JDK arena. */
    boolean isMmapSlabs();

    boolean isClosed();

    // ------------------------------------------------------------------ knobs (current values)

    int getCacheCapacity();

    int getMaxCacheCapacity();

    int getRefillBatch();

    int getRingCapacity();

    int getMaxRingCapacity();

    int getSlabReserve();

    // ------------------------------------------------------------------ counters (since the pool was built)

    long getAllocFast();

    long getAllocSlow();

    long getAllocSlowHighOrder();

    long getAllocEmpty();

    long getAllocRefill();

    long getAllocWaive();

    long getRecycleCached();

    long getRecycleCacheFull();

    long getRecycleRing();

    long getRecycleRingFull();

    long getRecycleReleasedRefcnt();

    long getAllocPages();

    long getReleasePages();

    long getWaiveBudget();

    long getWaiveSize();

    long getWaiveClosed();

    long getSlabsMapped();

    long getSlabsUnmapped();

    long getMappingFallbacks();

    /** Share of all allocations served by the fast path, 0..1. */
    double getFastPathRatio();

    // ------------------------------------------------------------------ gauges

    long getInflightPages();

    long getPagesMapped();

    long getBytesMapped();

    int getRingSize();

    long getCachedPages();

    int getThreadCaches();

    long getCacheCapacityTotal();
}
