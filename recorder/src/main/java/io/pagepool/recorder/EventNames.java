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

import io.pagepool.pool.PoolCounter;
import io.pagepool.pool.WaiveReason;
import java.util.List;
import java.util.Locale;

/**
 * The names of pagepool's JFR event types: public API, stable across releases. Use them to
 * enable events on a {@link jdk.jfr.Recording} or {@link jdk.jfr.consumer.RecordingStream}, in a
 * {@code .jfc} file, with {@code jfr print --events}, or to read a recording.
 */
public final class EventNames {
    /** The JFR category every pagepool event is in. */
    public static final String CATEGORY = "Page Pool";

    /** Periodic: one per registered pool, the page_pool counters as deltas over the period. */
    public static final String POOL_STATISTICS = "io.pagepool.PoolStatistics";
    /** Periodic: one per thread cache of each registered pool. */
    public static final String CACHE_STATISTICS = "io.pagepool.CacheStatistics";
    /**
     * Throttled, with a stack trace: where the application allocates and which path served it.
     * Off by default (on in pagepool.jfc); every other event is on in any recording unless disabled.
     */
    public static final String ALLOCATION_SAMPLE = "io.pagepool.AllocationSample";
    /** A slab mapped from the OS to serve an allocation, with the time it took. */
    public static final String SLOW_ALLOCATION = "io.pagepool.SlowAllocation";
    /** An allocation the pool did not serve (budget, size, closed). */
    public static final String WAIVE = "io.pagepool.Waive";
    /**
     * A lease held longer than the leak threshold, or reclaimed without a release. Off by default (on in
     * pagepool.jfc).
     */
    public static final String LEAK_SUSPECT = "io.pagepool.LeakSuspect";
    /** A knob moved by the tuner: parameter, before, after, reason, signals. */
    public static final String TUNER_DECISION = "io.pagepool.TunerDecision";
    /** A pool registered ("created"), closed, stalled while closing, or a mapping fallback. */
    public static final String POOL_LIFECYCLE = "io.pagepool.PoolLifecycle";

    /** Every pagepool event name, in the order above. */
    public static final List<String> ALL = List.of(POOL_STATISTICS, CACHE_STATISTICS, ALLOCATION_SAMPLE,
            SLOW_ALLOCATION, WAIVE, LEAK_SUSPECT, TUNER_DECISION, POOL_LIFECYCLE);

    /** PoolLifecycle {@code action}: the pool was registered with the recorder; detail is its configuration. */
    public static final String LIFECYCLE_CREATED = "created";
    /** PoolLifecycle {@code action}: close() is waiting for pages still held. */
    public static final String LIFECYCLE_CLOSE_STALLED = "closeStalled";
    /** PoolLifecycle {@code action}: the close finished. */
    public static final String LIFECYCLE_CLOSED = "closed";
    /** PoolLifecycle {@code action}: a slab got another mapping mode than requested. */
    public static final String LIFECYCLE_MAPPING_FALLBACK = "mappingFallback";

    private EventNames() {
    }

    /**
     * The field of {@value #POOL_STATISTICS} that carries {@code counter}: its
     * {@link PoolCounter#fieldName()}, except {@code maxMemory} for {@link PoolCounter#MAX_MEMORY_BYTES}
     * (the event's public name since its first release).
     */
    public static String poolStatisticsField(PoolCounter counter) {
        return counter == PoolCounter.MAX_MEMORY_BYTES ? "maxMemory" : counter.fieldName();
    }

    /**
     * The {@code reason} field of a Waive event for {@code reason}: its name in lower case ("budget", "size",
     * "closed").
     */
    public static String waiveReason(WaiveReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
