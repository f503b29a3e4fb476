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

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The JDK's own events in the same recording: garbage collections ({@code jdk.GarbageCollection})
 * and direct buffers ({@code jdk.DirectBufferStatistics}, which cannot see pagepool's memory).
 */
final class JdkContext {
    long gcCount;
    long gcPauseTotalNanos;
    long gcLongestPauseNanos;
    final Map<String, Long> gcByCollector = new TreeMap<>();

    long directBufferEvents;
    long directMemoryPeak;
    long directMemoryLast;
    long directCountPeak;
    long directMaxCapacity;
    private long directLastNanos = Long.MIN_VALUE;

    void onGarbageCollection(RecordedEvent e) {
        gcCount++;
        long pauses = nanos(e, "sumOfPauses");
        gcPauseTotalNanos += pauses;
        gcLongestPauseNanos = Math.max(gcLongestPauseNanos, nanos(e, "longestPause"));
        String name = e.hasField("name") ? Ev.stringField(e, "name") : null;
        gcByCollector.merge(name == null ? "unknown" : name, 1L, Long::sum);
    }

    void onDirectBufferStatistics(RecordedEvent e, long nanos) {
        directBufferEvents++;
        long used = Ev.longField(e, "memoryUsed");
        directMemoryPeak = Math.max(directMemoryPeak, used);
        directCountPeak = Math.max(directCountPeak, Ev.longField(e, "count"));
        long max = Ev.longField(e, "maxCapacity");
        directMaxCapacity = Math.max(directMaxCapacity, max);
        if (nanos >= directLastNanos) {
            directLastNanos = nanos;
            directMemoryLast = used;
        }
    }

    void merge(JdkContext o) {
        gcCount += o.gcCount;
        gcPauseTotalNanos += o.gcPauseTotalNanos;
        gcLongestPauseNanos = Math.max(gcLongestPauseNanos, o.gcLongestPauseNanos);
        o.gcByCollector.forEach((k, v) -> gcByCollector.merge(k, v, Long::sum));
        directBufferEvents += o.directBufferEvents;
        directMemoryPeak = Math.max(directMemoryPeak, o.directMemoryPeak);
        directCountPeak = Math.max(directCountPeak, o.directCountPeak);
        directMaxCapacity = Math.max(directMaxCapacity, o.directMaxCapacity);
        if (o.directLastNanos >= directLastNanos) {
            directLastNanos = o.directLastNanos;
            directMemoryLast = o.directMemoryLast;
        }
    }

    private static long nanos(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return 0;
        }
        Duration d = e.getDuration(field);
        return d == null ? 0 : Math.max(0, d.toNanos());
    }
}
