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

import io.pagepool.recorder.EventNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * What one recording (or, combined, several) says: per pool, per thread cache, the tuner's
 * timeline, leak suspects and the JDK's context. Built event by event by {@link RecordingScanner};
 * its size is bounded whatever the recording's length.
 */
final class RecordingSummary {
    static final String PAGEPOOL_PREFIX = "io.pagepool.";
    /** Thread caches followed one by one; caches beyond are counted only (threads that churn). */
    static final int MAX_CACHES = 4096;

    final String source;
    final List<String> files = new ArrayList<>();
    /** What reading could not use (the cut end of a file, an empty chunk), in words; empty when nothing was cut. */
    final List<String> cuts = new ArrayList<>();
    long bytes;
    long events;
    long pagepoolEvents;
    long startNanos = Long.MAX_VALUE;
    long endNanos = Long.MIN_VALUE;
    final Map<String, PoolSummary> pools = new TreeMap<>();
    private final Map<String, CacheSummary> caches = new TreeMap<>();
    long cachesOmitted;
    final Map<String, Long> allocationSamplesByPath = new TreeMap<>();
    final TunerTimeline tuner = new TunerTimeline();
    final LeakSuspects leaks = new LeakSuspects();
    final JdkContext jdk = new JdkContext();
    final AllocationSites allocationSites = new AllocationSites();
    final CallSites callSites = new CallSites();
    final GcPauses gcPauses = new GcPauses();

    RecordingSummary(String source) {
        this.source = source;
    }

    /** Takes one event of the recording. */
    void accept(RecordedEvent e) {
        events++;
        long nanos = epochNanos(e);
        startNanos = Math.min(startNanos, nanos);
        endNanos = Math.max(endNanos, nanos);
        String type = e.getEventType().getName();
        if (!type.startsWith(PAGEPOOL_PREFIX)) {
            switch (type) {
                case "jdk.GarbageCollection" -> {
                    jdk.onGarbageCollection(e);
                    gcPauses.onGarbageCollection(e);
                }
                case "jdk.DirectBufferStatistics" -> jdk.onDirectBufferStatistics(e, nanos);
                default -> { }
            }
            return;
        }
        pagepoolEvents++;
        if (callSites.accept(type, e, nanos)) {
            return;
        }
        String pool = e.hasField("poolName") ? Ev.stringField(e, "poolName") : null;
        if (pool == null) {
            return;
        }
        switch (type) {
            case EventNames.POOL_STATISTICS -> pool(pool).onStatistics(e, nanos);
            case EventNames.CACHE_STATISTICS -> {
                pool(pool);
                CacheSummary c = cache(0, pool, Ev.longField(e, "cacheId"), Ev.stringField(e, "threadName"));
                if (c != null) {
                    c.onStatistics(e, nanos);
                }
            }
            case EventNames.WAIVE -> pool(pool).onWaive(e);
            case EventNames.SLOW_ALLOCATION -> pool(pool).onSlowAllocation(e);
            case EventNames.POOL_LIFECYCLE -> pool(pool).onLifecycle(e);
            case EventNames.TUNER_DECISION -> tuner.onDecision(e, nanos);
            case EventNames.LEAK_SUSPECT -> leaks.onSuspect(e, nanos);
            case EventNames.ALLOCATION_SAMPLE -> {
                String path = Ev.stringField(e, "path");
                allocationSamplesByPath.merge(path == null ? "unknown" : path, 1L, Long::sum);
                PoolSummary known = pools.get(pool);
                allocationSites.onSample(e, known == null ? 0 : known.pageSize);
            }
            default -> { }
        }
    }

    private PoolSummary pool(String name) {
        return pools.computeIfAbsent(name, PoolSummary::new);
    }

    /**
     * The cache {@code cacheId} of {@code pool} in recording {@code recording} (0 but in the
     * combined view): cache ids are per process, so caches of two recordings never merge.
     */
    private CacheSummary cache(int recording, String pool, long cacheId, String threadName) {
        String key = recording + "\u0000" + pool + '\u0000' + cacheId;
        CacheSummary c = caches.get(key);
        if (c == null) {
            if (caches.size() >= MAX_CACHES) {
                cachesOmitted++;
                return null;
            }
            c = new CacheSummary(pool, cacheId, threadName);
            caches.put(key, c);
        }
        return c;
    }

    /** The caches, by pool, busiest (most hits) first. */
    List<CacheSummary> caches() {
        List<CacheSummary> out = new ArrayList<>(caches.values());
        out.sort(Comparator.comparing((CacheSummary c) -> c.pool).thenComparingLong(c -> -(c.hits + c.underflows))
                .thenComparingLong(c -> c.cacheId));
        return out;
    }

    /** The caches of one pool, busiest first. */
    List<CacheSummary> caches(String pool) {
        return caches().stream().filter(c -> c.pool.equals(pool)).toList();
    }

    double durationSeconds() {
        return endNanos < startNanos ? 0 : (endNanos - startNanos) / 1e9;
    }

    /**
     * One view of several recordings: pools of the same name added up; thread caches kept per
     * recording (their ids and threads are each process's own).
     */
    static RecordingSummary combine(List<RecordingSummary> parts) {
        RecordingSummary all = new RecordingSummary("combined");
        for (int i = 0; i < parts.size(); i++) {
            RecordingSummary p = parts.get(i);
            all.files.addAll(p.files);
            all.cuts.addAll(p.cuts);
            all.bytes += p.bytes;
            all.events += p.events;
            all.pagepoolEvents += p.pagepoolEvents;
            all.startNanos = Math.min(all.startNanos, p.startNanos);
            all.endNanos = Math.max(all.endNanos, p.endNanos);
            p.pools.forEach((name, s) -> all.pool(name).merge(s));
            for (CacheSummary c : p.caches.values()) {
                CacheSummary mine = all.cache(i, c.pool, c.cacheId, c.threadName);
                if (mine != null) {
                    mine.merge(c);
                }
            }
            all.cachesOmitted += p.cachesOmitted;
            p.allocationSamplesByPath.forEach((k, v) -> all.allocationSamplesByPath.merge(k, v, Long::sum));
            all.tuner.merge(p.tuner);
            all.leaks.merge(p.leaks);
            all.jdk.merge(p.jdk);
            all.allocationSites.merge(p.allocationSites);
            all.callSites.merge(p.callSites);
            all.gcPauses.merge(p.gcPauses);
        }
        return all;
    }

    private static long epochNanos(RecordedEvent e) {
        java.time.Instant t = e.getEndTime();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
