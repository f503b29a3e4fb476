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

import jdk.jfr.consumer.RecordedEvent;

/**
 * One thread cache (or virtual-thread stripe) of a pool, from its {@code io.pagepool.CacheStatistics}
 * events: hits, underflows, overflows and releases summed, and its capacity over time.
 */
final class CacheSummary {
    static final int SERIES_POINTS = 120;

    final String pool;
    final long cacheId;
    String threadName;
    boolean virtualStripe;
    long events;
    long hits;
    long underflows;
    long overflows;
    long releases;
    long capacityFirst = -1;
    long capacityLast;
    long capacityMin = Long.MAX_VALUE;
    long capacityMax;
    long sizePeak;
    private long lastNanos = Long.MIN_VALUE;
    final TimeSeries capacity = new TimeSeries(SERIES_POINTS);

    CacheSummary(String pool, long cacheId, String threadName) {
        this.pool = pool;
        this.cacheId = cacheId;
        this.threadName = threadName;
    }

    void onStatistics(RecordedEvent e, long nanos) {
        events++;
        String t = Ev.stringField(e, "threadName");
        if (t != null) {
            threadName = t;
        }
        virtualStripe = Ev.boolField(e, "virtualStripe");
        hits += Ev.longField(e, "hits");
        underflows += Ev.longField(e, "underflows");
        overflows += Ev.longField(e, "overflows");
        releases += Ev.longField(e, "releases");
        long c = Ev.longField(e, "capacity");
        if (capacityFirst < 0) {
            capacityFirst = c;
        }
        if (nanos >= lastNanos) {
            capacityLast = c;
            lastNanos = nanos;
        }
        capacityMin = Math.min(capacityMin, c);
        capacityMax = Math.max(capacityMax, c);
        sizePeak = Math.max(sizePeak, Ev.longField(e, "size"));
        capacity.add(nanos, c);
    }

    /** Allocations that found the cache empty, over all that asked it: 0..1. */
    double missRatio() {
        long asked = hits + underflows;
        return asked == 0 ? 0 : (double) underflows / asked;
    }

    void merge(CacheSummary o) {
        events += o.events;
        hits += o.hits;
        underflows += o.underflows;
        overflows += o.overflows;
        releases += o.releases;
        if (capacityFirst < 0) {
            capacityFirst = o.capacityFirst;
        }
        if (o.lastNanos >= lastNanos) {
            capacityLast = o.capacityLast;
            lastNanos = o.lastNanos;
            threadName = o.threadName;
        }
        capacityMin = Math.min(capacityMin, o.capacityMin);
        capacityMax = Math.max(capacityMax, o.capacityMax);
        sizePeak = Math.max(sizePeak, o.sizePeak);
        capacity.addAll(o.capacity);
    }
}
