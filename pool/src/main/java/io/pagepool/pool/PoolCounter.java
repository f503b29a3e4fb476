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

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The counter table: every component of {@link PoolStats}, in its order, with the one name,
 * label, description and unit that every view of a pool's counters uses. The JFR event
 * {@code io.pagepool.PoolStatistics}, the pool's MXBean, the report and its JSON schema are
 * derived from this table or checked against it (by {@code CounterTableAgreementTest} in the
 * report module); adding a counter starts here.
 *
 * <p>{@link Kind#COUNTER}s only grow (a recording carries their change per period);
 * {@link Kind#GAUGE}s are current values. Descriptions state what a counter counts in total;
 * a delta view (a JFR period) counts the same over its interval.
 */
public enum PoolCounter {
    ALLOC_FAST("allocFast", "Fast Allocations",
            "Pages served from a thread cache without a refill (alloc fast)",
            Unit.PAGES, Kind.COUNTER, PoolStats::allocFast),
    ALLOC_SLOW("allocSlow", "Slow Allocations",
            "Refills served from slabs, the page allocator (alloc slow)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::allocSlow),
    ALLOC_SLOW_HIGH_ORDER("allocSlowHighOrder", "Slab Maps",
            "Slabs mapped from the OS to serve an allocation (alloc slow high order)",
            Unit.SLABS, Kind.COUNTER, PoolStats::allocSlowHighOrder),
    ALLOC_EMPTY("allocEmpty", "Empty Ring Refills",
            "Refills that found the recycle ring empty (alloc empty)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::allocEmpty),
    ALLOC_REFILL("allocRefill", "Ring Refills",
            "Refills served from the recycle ring (alloc refill)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::allocRefill),
    ALLOC_WAIVE("allocWaive", "Waives",
            "Allocations the pool did not serve: budget spent, too large, or closed (alloc waive)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::allocWaive),
    RECYCLE_CACHED("recycleCached", "Recycled Into Cache",
            "Pages released into a thread cache (recycle cached)",
            Unit.PAGES, Kind.COUNTER, PoolStats::recycleCached),
    RECYCLE_CACHE_FULL("recycleCacheFull", "Cache Full",
            "Releases that found the cache full and flushed half of it (recycle cache full)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::recycleCacheFull),
    RECYCLE_RING("recycleRing", "Recycled Into Ring",
            "Pages moved into the recycle ring (recycle ring)",
            Unit.PAGES, Kind.COUNTER, PoolStats::recycleRing),
    RECYCLE_RING_FULL("recycleRingFull", "Ring Full",
            "Pages that found the ring full and went back to their slab (recycle ring full)",
            Unit.PAGES, Kind.COUNTER, PoolStats::recycleRingFull),
    RECYCLE_RELEASED_REFCNT("recycleReleasedRefcnt", "Shared Releases",
            "Releases that dropped a shared reference without recycling the page (recycle released refcnt)",
            Unit.EVENTS, Kind.COUNTER, PoolStats::recycleReleasedRefcnt),
    ALLOC_PAGES("allocPages", "Pages Allocated",
            "Pages handed to callers by any path, whole pages and fragment pages",
            Unit.PAGES, Kind.COUNTER, PoolStats::allocPages),
    RELEASE_PAGES("releasePages", "Pages Released",
            "Pages whose last reference was released",
            Unit.PAGES, Kind.COUNTER, PoolStats::releasePages),
    INFLIGHT_PAGES("inflightPages", "In-Flight Pages",
            "Pages held by callers now: allocPages minus releasePages",
            Unit.PAGES, Kind.GAUGE, PoolStats::inflightPages),
    WAIVE_BUDGET("waiveBudget", "Budget Waives",
            "Waives because the memory budget was spent",
            Unit.EVENTS, Kind.COUNTER, PoolStats::waiveBudget),
    WAIVE_SIZE("waiveSize", "Size Waives",
            "Waives because the request was larger than a page",
            Unit.EVENTS, Kind.COUNTER, PoolStats::waiveSize),
    WAIVE_CLOSED("waiveClosed", "Closed Waives",
            "Waives because the pool was closed",
            Unit.EVENTS, Kind.COUNTER, PoolStats::waiveClosed),
    PAGES_MAPPED("pagesMapped", "Pages Mapped",
            "Pages in mapped slabs now",
            Unit.PAGES, Kind.GAUGE, PoolStats::pagesMapped),
    BYTES_MAPPED("bytesMapped", "Bytes Mapped",
            "Bytes in mapped slabs now: the pool's own memory, invisible to jdk.DirectBufferStatistics",
            Unit.BYTES, Kind.GAUGE, PoolStats::bytesMapped),
    MAX_MEMORY_BYTES("maxMemoryBytes", "Memory Budget",
            "The most bytes the pool may map",
            Unit.BYTES, Kind.GAUGE, PoolStats::maxMemoryBytes),
    SLABS_MAPPED("slabsMapped", "Slabs Mapped",
            "Slabs mapped from the OS (the map count)",
            Unit.SLABS, Kind.COUNTER, PoolStats::slabsMapped),
    SLABS_UNMAPPED("slabsUnmapped", "Slabs Unmapped",
            "Whole free slabs returned to the OS (the unmap count)",
            Unit.SLABS, Kind.COUNTER, PoolStats::slabsUnmapped),
    MAPPING_FALLBACKS("mappingFallbacks", "Mapping Fallbacks",
            "Slabs that got PREFAULT instead of the requested mapping",
            Unit.SLABS, Kind.COUNTER, PoolStats::mappingFallbacks),
    DOUBLE_RETURNS_DROPPED("doubleReturnsDropped", "Double Returns Dropped",
            "Pages a slab found already free or held when returned, and dropped: each is a racing double"
                    + " release that both releases got through",
            Unit.PAGES, Kind.COUNTER, PoolStats::doubleReturnsDropped),
    RING_SIZE("ringSize", "Ring Size",
            "Pages in the recycle ring now",
            Unit.PAGES, Kind.GAUGE, PoolStats::ringSize),
    RING_CAPACITY("ringCapacity", "Ring Capacity",
            "Pages the recycle ring may hold now",
            Unit.PAGES, Kind.GAUGE, PoolStats::ringCapacity),
    CACHED_PAGES("cachedPages", "Cached Pages",
            "Pages parked in thread caches now (a racy sum)",
            Unit.PAGES, Kind.GAUGE, PoolStats::cachedPages),
    THREAD_CACHES("threadCaches", "Thread Caches",
            "Thread caches and virtual-thread stripes now",
            Unit.CACHES, Kind.GAUGE, PoolStats::threadCaches),
    CACHE_CAPACITY_TOTAL("cacheCapacityTotal", "Cache Capacity Total",
            "Sum of the capacities of the thread caches now",
            Unit.PAGES, Kind.GAUGE, PoolStats::cacheCapacityTotal);

    /** Whether a value only grows or is a current value. */
    public enum Kind {
        /** Only grows; views over time carry its change. */
        COUNTER,
        /** A current value; views over time carry its value at the end of the interval. */
        GAUGE
    }

    /** What one unit of a value is: {@link #symbol()} is its lower-case name (JMX's "units"). */
    public enum Unit {
        /** Pages of the pool's page size. */
        PAGES,
        /** Bytes (JFR: {@code @DataAmount}). */
        BYTES,
        /** Slabs, the pool's OS mappings. */
        SLABS,
        /** Thread caches and virtual-thread stripes. */
        CACHES,
        /** Occurrences of what the description names (refills, releases, waives). */
        EVENTS;

        /** The unit's lower-case name: {@code "pages"}, {@code "bytes"}, … */
        public String symbol() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Every entry, in {@link PoolStats}' component order. */
    public static final List<PoolCounter> ALL = List.of(values());

    private final String fieldName;
    private final String label;
    private final String description;
    private final Unit unit;
    private final Kind kind;
    private final ToLongFunction<PoolStats> reader;

    PoolCounter(String fieldName, String label, String description, Unit unit, Kind kind,
                ToLongFunction<PoolStats> reader) {
        this.fieldName = fieldName;
        this.label = label;
        this.description = description;
        this.unit = unit;
        this.kind = kind;
        this.reader = reader;
    }

    /** The camelCase name: PoolStats' component, the JFR field, the MXBean attribute (capitalized). */
    public String fieldName() {
        return fieldName;
    }

    /** A short title-case label (JFR's {@code @Label}). */
    public String label() {
        return label;
    }

    /** One sentence without a full stop (JFR's {@code @Description}, JMX's description, Javadoc). */
    public String description() {
        return description;
    }

    /** What one unit of the value is. */
    public Unit unit() {
        return unit;
    }

    /** Counter or gauge. */
    public Kind kind() {
        return kind;
    }

    /** This entry's value in {@code stats}. */
    public long read(PoolStats stats) {
        return reader.applyAsLong(stats);
    }

    /** {@link #fieldName()} with its first letter upper case: the MXBean attribute's name. */
    public String attributeName() {
        return Character.toUpperCase(fieldName.charAt(0)) + fieldName.substring(1);
    }
}
