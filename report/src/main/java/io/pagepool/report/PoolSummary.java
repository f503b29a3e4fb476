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
package io.pagepool.report;

import io.pagepool.pool.PoolCounter;
import io.pagepool.recorder.EventNames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Everything a recording says about one pool, aggregated event by event: the
 * {@code io.pagepool.PoolStatistics} deltas summed, its gauges' peaks, the waives and slab maps,
 * the configuration from the {@code created} lifecycle event, and bounded time series for the
 * charts. Counter totals equal the pool's own counters over the recorded span.
 */
final class PoolSummary {
    static final int SERIES_POINTS = 240;
    /** Statistics intervals kept to find the recording's statistics period. */
    static final int PERIOD_SAMPLES = 64;

    final String name;
    long pageSize;
    String mapping = "";
    long maxMemory;
    long ringCapacity;
    long statisticsEvents;
    long observedNanos;
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;

    /**
     * Per {@link PoolCounter} of kind COUNTER (indexed by ordinal): the sum of its
     * PoolStatistics deltas, read from the field the table names. Gauges stay 0 here.
     */
    private final long[] totals = new long[PoolCounter.ALL.size()];

    long inflightPeak;
    long bytesMappedPeak;
    long bytesMappedLast;
    long ringSizePeak;
    long ringCapacityPeak;
    long threadCachesPeak;
    long cacheCapacityTotalPeak;
    double allocationRatePeak;
    long ringFullPeakPerInterval;
    /** Statistics intervals in which the pool allocated at least one page. */
    long activeIntervals;
    /** The largest rise of {@code bytesMapped} from one statistics event to the next: the steepest burst seen. */
    long bytesMappedRisePeak;
    private long bytesMappedAtLast = -1;
    /** The first {@link #PERIOD_SAMPLES} statistics intervals, for {@link #periodNanos()}. */
    private final long[] intervalSamples = new long[PERIOD_SAMPLES];
    private int intervalSampleCount;

    /** Waive events by reason: sampled (the event is throttled); the waive counters are exact. */
    final Map<String, Long> waiveEventsByReason = new TreeMap<>();
    long waiveEvents;
    long waiveLargestRequest;

    long slowAllocationEvents;
    long slowAllocationBytes;
    long mapTimeTotalNanos;
    long mapTimeMaxNanos;

    /** Lifecycle events by action (created, closeStalled, closed, mappingFallback). */
    final Map<String, Long> lifecycle = new TreeMap<>();
    /** The configuration from the "created" lifecycle event: pageSize, cacheCapacity, refillBatch, … */
    final Map<String, String> configuration = new LinkedHashMap<>();

    /** The table's entries of kind COUNTER: the ones a recording carries as deltas. */
    static final List<PoolCounter> COUNTERS = PoolCounter.ALL.stream()
            .filter(c -> c.kind() == PoolCounter.Kind.COUNTER).toList();

    final TimeSeries allocationRate = new TimeSeries(SERIES_POINTS);
    final TimeSeries fastPathRatio = new TimeSeries(SERIES_POINTS);
    final TimeSeries bytesMapped = new TimeSeries(SERIES_POINTS);
    final TimeSeries cacheCapacityTotal = new TimeSeries(SERIES_POINTS);
    final TimeSeries inflight = new TimeSeries(SERIES_POINTS);
    /** 1 - the fast-path ratio of each interval that allocated: the share of allocations that missed the cache. */
    final TimeSeries missRatio = new TimeSeries(SERIES_POINTS);
    /** Waived allocations per second of each interval. */
    final TimeSeries waiveRate = new TimeSeries(SERIES_POINTS);
    /** The memory budget at each statistics event (it moves when the tuner or a size-class group moves it). */
    final TimeSeries budget = new TimeSeries(SERIES_POINTS);

    PoolSummary(String name) {
        this.name = name;
    }

    void onStatistics(RecordedEvent e, long nanos) {
        statisticsEvents++;
        firstNanos = Math.min(firstNanos, nanos);
        lastNanos = Math.max(lastNanos, nanos);
        pageSize = Ev.longField(e, "pageSize");
        String m = Ev.stringField(e, "mapping");
        mapping = m == null ? mapping : m;
        maxMemory = Ev.longField(e, "maxMemory");
        long interval = Math.max(0, Ev.longField(e, "interval"));
        observedNanos += interval;
        for (PoolCounter c : COUNTERS) {
            totals[c.ordinal()] += Ev.longField(e, EventNames.poolStatisticsField(c));
        }
        long ringFull = Ev.longField(e, "recycleRingFull");
        ringFullPeakPerInterval = Math.max(ringFullPeakPerInterval, ringFull);
        long pages = Ev.longField(e, "allocPages");
        if (pages > 0) {
            activeIntervals++;
        }
        if (interval > 0 && intervalSampleCount < PERIOD_SAMPLES) {
            intervalSamples[intervalSampleCount++] = interval;
        }

        long inflightNow = Ev.longField(e, "inflightPages");
        inflightPeak = Math.max(inflightPeak, inflightNow);
        long mapped = Ev.longField(e, "bytesMapped");
        bytesMappedPeak = Math.max(bytesMappedPeak, mapped);
        if (nanos >= lastNanos) {
            if (bytesMappedAtLast >= 0) {
                bytesMappedRisePeak = Math.max(bytesMappedRisePeak, mapped - bytesMappedAtLast);
            }
            bytesMappedAtLast = mapped;
            bytesMappedLast = mapped;
            ringCapacity = Ev.longField(e, "ringCapacity");
        }
        ringSizePeak = Math.max(ringSizePeak, Ev.longField(e, "ringSize"));
        ringCapacityPeak = Math.max(ringCapacityPeak, Ev.longField(e, "ringCapacity"));
        threadCachesPeak = Math.max(threadCachesPeak, Ev.longField(e, "threadCaches"));
        long capacityTotal = Ev.longField(e, "cacheCapacityTotal");
        cacheCapacityTotalPeak = Math.max(cacheCapacityTotalPeak, capacityTotal);

        if (interval > 0) {
            double rate = pages * 1e9 / interval;
            allocationRatePeak = Math.max(allocationRatePeak, rate);
            allocationRate.add(nanos, rate, interval);
        }
        if (pages > 0) {
            double fast = Math.min(1.0, (double) Ev.longField(e, "allocFast") / pages);
            fastPathRatio.add(nanos, fast, pages);
            missRatio.add(nanos, 1.0 - fast, pages);
        }
        if (interval > 0) {
            waiveRate.add(nanos, Ev.longField(e, "allocWaive") * 1e9 / interval, interval);
        }
        budget.add(nanos, maxMemory);
        bytesMapped.add(nanos, mapped);
        cacheCapacityTotal.add(nanos, capacityTotal);
        inflight.add(nanos, inflightNow);
    }

    void onWaive(RecordedEvent e) {
        waiveEvents++;
        String reason = Ev.stringField(e, "reason");
        waiveEventsByReason.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
        waiveLargestRequest = Math.max(waiveLargestRequest, Ev.longField(e, "requestedBytes"));
    }

    void onSlowAllocation(RecordedEvent e) {
        slowAllocationEvents++;
        slowAllocationBytes += Ev.longField(e, "slabBytes");
        long t = Math.max(0, Ev.longField(e, "mapTime"));
        mapTimeTotalNanos += t;
        mapTimeMaxNanos = Math.max(mapTimeMaxNanos, t);
    }

    void onLifecycle(RecordedEvent e) {
        String action = Ev.stringField(e, "action");
        lifecycle.merge(action == null ? "unknown" : action, 1L, Long::sum);
        if (EventNames.LIFECYCLE_CREATED.equals(action)) {
            configuration.clear();
            configuration.putAll(parsePairs(Ev.stringField(e, "detail")));
        }
    }

    /** The sum of {@code counter}'s deltas over the recording; 0 for a gauge. */
    long total(PoolCounter counter) {
        return totals[counter.ordinal()];
    }

    /** The share of allocations the fast path served, 0..1; 1 when nothing was allocated. */
    double fastPathRatioTotal() {
        long pages = total(PoolCounter.ALLOC_PAGES);
        return pages == 0 ? 1.0 : Math.min(1.0, (double) total(PoolCounter.ALLOC_FAST) / pages);
    }

    /** Pages per second over the recorded intervals. */
    double allocationRateMean() {
        return observedNanos == 0 ? 0 : total(PoolCounter.ALLOC_PAGES) * 1e9 / observedNanos;
    }

    /** Peak mapped bytes over the budget, 0..1; 0 without a budget. */
    double budgetUsePeak() {
        return maxMemory <= 0 ? 0 : (double) bytesMappedPeak / maxMemory;
    }

    /** A configuration value from the "created" event, or {@code fallback}. */
    long configured(String key, long fallback) {
        String v = configuration.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Adds another recording's summary of a pool of the same name (the combined view). */
    void merge(PoolSummary o) {
        pageSize = o.pageSize == 0 ? pageSize : o.pageSize;
        mapping = o.mapping.isEmpty() ? mapping : o.mapping;
        maxMemory = Math.max(maxMemory, o.maxMemory);
        ringCapacity = o.lastNanos >= lastNanos ? o.ringCapacity : ringCapacity;
        bytesMappedLast = o.lastNanos >= lastNanos ? o.bytesMappedLast : bytesMappedLast;
        statisticsEvents += o.statisticsEvents;
        observedNanos += o.observedNanos;
        firstNanos = Math.min(firstNanos, o.firstNanos);
        lastNanos = Math.max(lastNanos, o.lastNanos);
        for (int i = 0; i < totals.length; i++) {
            totals[i] += o.totals[i];
        }
        inflightPeak = Math.max(inflightPeak, o.inflightPeak);
        bytesMappedPeak = Math.max(bytesMappedPeak, o.bytesMappedPeak);
        ringSizePeak = Math.max(ringSizePeak, o.ringSizePeak);
        ringCapacityPeak = Math.max(ringCapacityPeak, o.ringCapacityPeak);
        threadCachesPeak = Math.max(threadCachesPeak, o.threadCachesPeak);
        cacheCapacityTotalPeak = Math.max(cacheCapacityTotalPeak, o.cacheCapacityTotalPeak);
        allocationRatePeak = Math.max(allocationRatePeak, o.allocationRatePeak);
        ringFullPeakPerInterval = Math.max(ringFullPeakPerInterval, o.ringFullPeakPerInterval);
        activeIntervals += o.activeIntervals;
        bytesMappedRisePeak = Math.max(bytesMappedRisePeak, o.bytesMappedRisePeak);
        for (int i = 0; i < o.intervalSampleCount && intervalSampleCount < PERIOD_SAMPLES; i++) {
            intervalSamples[intervalSampleCount++] = o.intervalSamples[i];
        }
        o.waiveEventsByReason.forEach((k, v) -> waiveEventsByReason.merge(k, v, Long::sum));
        waiveEvents += o.waiveEvents;
        waiveLargestRequest = Math.max(waiveLargestRequest, o.waiveLargestRequest);
        slowAllocationEvents += o.slowAllocationEvents;
        slowAllocationBytes += o.slowAllocationBytes;
        mapTimeTotalNanos += o.mapTimeTotalNanos;
        mapTimeMaxNanos = Math.max(mapTimeMaxNanos, o.mapTimeMaxNanos);
        o.lifecycle.forEach((k, v) -> lifecycle.merge(k, v, Long::sum));
        if (!o.configuration.isEmpty()) {
            configuration.clear();
            configuration.putAll(o.configuration);
        }
        allocationRate.addAll(o.allocationRate);
        fastPathRatio.addAll(o.fastPathRatio);
        bytesMapped.addAll(o.bytesMapped);
        cacheCapacityTotal.addAll(o.cacheCapacityTotal);
        inflight.addAll(o.inflight);
        missRatio.addAll(o.missRatio);
        waiveRate.addAll(o.waiveRate);
        budget.addAll(o.budget);
    }

    /**
     * The statistics period: the median of the first {@value #PERIOD_SAMPLES} intervals (the
     * extra short ones at chunk boundaries do not move a median); 0 without statistics.
     */
    long periodNanos() {
        if (intervalSampleCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(intervalSamples, intervalSampleCount);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The pool's size-class group (the name before "-2k" when it ends in its own page size), or null. */
    String sizeClassGroup() {
        return SizeClasses.groupOf(name, pageSize);
    }

    /** {@code "a=1, b=x"} as a map (the lifecycle event's detail). */
    static Map<String, String> parsePairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
