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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, raw numbers (bytes, nanoseconds, pages, ratios 0..1), laid out as the JSON
 * Schema {@value #SCHEMA_RESOURCE} documents. Times are ISO-8601 instants; series points carry
 * {@code t}, seconds from the start of their recording (or of the combined view).
 */
final class JsonReport {
    static final String SCHEMA_RESOURCE = "/io/pagepool/report/report.schema.json";
    static final int SCHEMA_VERSION = 1;

    /**
     * Where each counter of the table {@link PoolCounter} sits in a pool's JSON object: group and
     * key (schema version 1 names). Every entry of kind COUNTER is here; the schema documents each
     * with the table's description ({@code CounterTableAgreementTest} checks both).
     */
    static final Map<PoolCounter, String> COUNTER_KEYS = counterKeys();

    private JsonReport() {
    }

    private static Map<PoolCounter, String> counterKeys() {
        Map<PoolCounter, String> m = new LinkedHashMap<>();
        m.put(PoolCounter.ALLOC_PAGES, "allocations.pages");
        m.put(PoolCounter.ALLOC_FAST, "allocations.fast");
        m.put(PoolCounter.ALLOC_SLOW, "allocations.slow");
        m.put(PoolCounter.ALLOC_SLOW_HIGH_ORDER, "allocations.slowHighOrder");
        m.put(PoolCounter.ALLOC_REFILL, "allocations.refill");
        m.put(PoolCounter.ALLOC_EMPTY, "allocations.empty");
        m.put(PoolCounter.ALLOC_WAIVE, "allocations.waive");
        m.put(PoolCounter.RECYCLE_CACHED, "recycle.cached");
        m.put(PoolCounter.RECYCLE_CACHE_FULL, "recycle.cacheFull");
        m.put(PoolCounter.RECYCLE_RING, "recycle.ring");
        m.put(PoolCounter.RECYCLE_RING_FULL, "recycle.ringFull");
        m.put(PoolCounter.RECYCLE_RELEASED_REFCNT, "recycle.releasedRefcnt");
        m.put(PoolCounter.RELEASE_PAGES, "recycle.releasedPages");
        m.put(PoolCounter.DOUBLE_RETURNS_DROPPED, "recycle.doubleReturnsDropped");
        m.put(PoolCounter.SLABS_MAPPED, "memory.slabsMapped");
        m.put(PoolCounter.SLABS_UNMAPPED, "memory.slabsUnmapped");
        m.put(PoolCounter.MAPPING_FALLBACKS, "memory.mappingFallbacks");
        m.put(PoolCounter.WAIVE_BUDGET, "waives.budget");
        m.put(PoolCounter.WAIVE_SIZE, "waives.size");
        m.put(PoolCounter.WAIVE_CLOSED, "waives.closed");
        return m;
    }

    /** Puts every counter of {@link #COUNTER_KEYS} in {@code group} into {@code into}. */
    private static Map<String, Object> counters(PoolSummary p, String group, Map<String, Object> into) {
        COUNTER_KEYS.forEach((c, key) -> {
            if (key.startsWith(group + ".")) {
                into.put(key.substring(group.length() + 1), p.total(c));
            }
        });
        return into;
    }

    static String render(ReportModel model) {
        Evidence.Bar bar = model.bar();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("generator", "pagepool report");
        List<Object> recordings = new ArrayList<>();
        for (RecordingSummary r : model.recordings()) {
            recordings.add(section(r, bar));
        }
        root.put("recordings", recordings);
        root.put("combined", model.combined() == null ? null : section(model.combined(), bar));
        return Json.write(root);
    }

    private static Map<String, Object> section(RecordingSummary r, Evidence.Bar bar) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", r.source);
        s.put("files", List.copyOf(r.files));
        s.put("bytes", r.bytes);
        s.put("cut", List.copyOf(r.cuts));
        s.put("start", r.startNanos == Long.MAX_VALUE ? null : Units.instant(r.startNanos).toString());
        s.put("end", r.endNanos == Long.MIN_VALUE ? null : Units.instant(r.endNanos).toString());
        s.put("durationSeconds", r.durationSeconds());
        s.put("events", r.events);
        s.put("pagepoolEvents", r.pagepoolEvents);
        List<Object> pools = new ArrayList<>();
        for (PoolSummary p : SizeClasses.ordered(r.pools.values())) {
            pools.add(pool(p, r.startNanos));
        }
        s.put("pools", pools);
        List<Object> caches = new ArrayList<>();
        for (CacheSummary c : r.caches()) {
            caches.add(cache(c, r.startNanos));
        }
        s.put("caches", caches);
        s.put("cachesOmittedEvents", r.cachesOmitted);
        s.put("allocationSamples", new LinkedHashMap<>(r.allocationSamplesByPath));
        s.put("allocationSites", SitesJson.allocationSites(r));
        s.put("callSites", SitesJson.callSites(r));
        s.put("tuner", tuner(r));
        s.put("jdk", jdk(r.jdk, r.gcPauses, r.startNanos));
        s.put("leakSuspects", leaks(r.leaks));
        Recommendations all = Recommendations.of(r, bar);
        List<Object> recs = new ArrayList<>();
        for (Recommendation rec : all.pools()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool", rec.pool());
            m.put("agentOptions", rec.agentOptions());
            m.put("line", rec.line());
            m.put("values", values(rec.values()));
            m.put("evidence", evidence(rec.evidence()));
            m.put("sizeClassGroup", all.groupOfPool().get(rec.pool()));
            recs.add(m);
        }
        s.put("recommendations", recs);
        List<Object> groups = new ArrayList<>();
        for (GroupRecommendation g : all.groups()) {
            List<Object> classes = new ArrayList<>();
            for (GroupRecommendation.Share c : g.shares()) {
                classes.add(map("pool", c.pool(), "pageSize", c.pageSize(), "peakBytes", c.peakBytes(), "needBytes",
                        c.needBytes(), "budgetShare", g.budgetWaives() > 0 ? c.share() : null));
            }
            groups.add(map("group", g.group(), "agentOptions", g.agentOptions(), "line", g.line(), "values",
                    values(g.values()), "evidence", evidence(g.evidence()), "budgetWaives", g.budgetWaives(),
                    "classes", classes));
        }
        s.put("sizeClassGroups", groups);
        return s;
    }

    private static List<Object> values(List<Recommendation.Value> values) {
        List<Object> out = new ArrayList<>();
        for (Recommendation.Value v : values) {
            out.add(map("key", v.key(), "value", v.value(), "reason", v.reason()));
        }
        return out;
    }

    private static Map<String, Object> evidence(Evidence e) {
        return map("sufficient", e.sufficient(), "tooShort", e.tooShort(), "tooQuiet", e.tooQuiet(),
                "observedSeconds", e.observedSeconds(), "intervals", e.intervals(), "activeIntervals",
                e.activeIntervals(), "pages", e.pages(), "minObservedSeconds", e.bar().minObservedSeconds(),
                "minActiveIntervals", e.bar().minActiveIntervals(), "minPages", e.bar().minPages(), "statement",
                e.statement(), "headroomRule", Recommender.HEADROOM_RULE);
    }

    private static Map<String, Object> pool(PoolSummary p, long origin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name);
        m.put("pageSize", p.pageSize);
        m.put("mapping", p.mapping);
        m.put("maxMemoryBytes", p.maxMemory);
        m.put("statisticsEvents", p.statisticsEvents);
        m.put("observedSeconds", p.observedNanos / 1e9);
        m.put("periodSeconds", p.periodNanos() / 1e9);
        m.put("activeIntervals", p.activeIntervals);
        m.put("allocations", counters(p, "allocations", new LinkedHashMap<>()));
        m.put("fastPathRatio", p.fastPathRatioTotal());
        m.put("allocationRate", map("meanPerSecond", p.allocationRateMean(), "peakPerSecond", p.allocationRatePeak));
        m.put("recycle", counters(p, "recycle", new LinkedHashMap<>()));
        m.put("inflightPeakPages", p.inflightPeak);
        m.put("memory", counters(p, "memory", map("peakBytes", p.bytesMappedPeak, "lastBytes", p.bytesMappedLast,
                "risePeakBytes", p.bytesMappedRisePeak, "budgetBytes", p.maxMemory, "budgetUsePeak",
                p.budgetUsePeak())));
        m.put("ring", map("capacity", p.ringCapacity, "capacityPeak", p.ringCapacityPeak, "sizePeak", p.ringSizePeak,
                "ringFullPeakPerInterval", p.ringFullPeakPerInterval));
        m.put("caches", map("countPeak", p.threadCachesPeak, "capacityTotalPeak", p.cacheCapacityTotalPeak));
        m.put("waives", counters(p, "waives", map("total", p.total(PoolCounter.ALLOC_WAIVE), "events",
                p.waiveEvents, "eventsByReason", new LinkedHashMap<>(p.waiveEventsByReason), "largestRequestBytes",
                p.waiveLargestRequest)));
        m.put("slowAllocations", map("events", p.slowAllocationEvents, "bytes", p.slowAllocationBytes,
                "mapTimeTotalNanos", p.mapTimeTotalNanos, "mapTimeMaxNanos", p.mapTimeMaxNanos));
        m.put("lifecycle", new LinkedHashMap<>(p.lifecycle));
        m.put("configuration", new LinkedHashMap<>(p.configuration));
        m.put("series", map("allocationRate", points(p.allocationRate, origin), "fastPathRatio",
                points(p.fastPathRatio, origin), "bytesMapped", points(p.bytesMapped, origin), "cacheCapacityTotal",
                points(p.cacheCapacityTotal, origin), "inflightPages", points(p.inflight, origin), "missRatio",
                points(p.missRatio, origin), "waiveRate", points(p.waiveRate, origin), "budgetBytes",
                points(p.budget, origin)));
        return m;
    }

    private static Map<String, Object> cache(CacheSummary c, long origin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", c.pool);
        m.put("cacheId", c.cacheId);
        m.put("thread", c.threadName);
        m.put("virtualStripe", c.virtualStripe);
        m.put("events", c.events);
        m.put("hits", c.hits);
        m.put("underflows", c.underflows);
        m.put("overflows", c.overflows);
        m.put("releases", c.releases);
        m.put("missRatio", c.missRatio());
        m.put("capacity", map("first", Math.max(0, c.capacityFirst), "last", c.capacityLast,
                "min", c.capacityMin == Long.MAX_VALUE ? 0 : c.capacityMin, "max", c.capacityMax));
        m.put("sizePeak", c.sizePeak);
        m.put("capacitySeries", points(c.capacity, origin));
        return m;
    }

    private static Map<String, Object> tuner(RecordingSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", r.tuner.total);
        m.put("omitted", r.tuner.omitted());
        Map<String, Object> by = new LinkedHashMap<>();
        r.tuner.countByPoolAndParameter.forEach((pool, counts) -> by.put(pool, new LinkedHashMap<>(counts)));
        m.put("byParameter", by);
        List<Object> ds = new ArrayList<>();
        for (TunerTimeline.Decision d : r.tuner.decisions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("time", Units.instant(d.timeNanos()).toString());
            x.put("offsetSeconds", (d.timeNanos() - r.startNanos) / 1e9);
            x.put("pool", d.pool());
            x.put("parameter", d.parameter());
            x.put("cacheId", d.cacheId());
            x.put("before", d.before());
            x.put("after", d.after());
            x.put("reason", d.reason());
            x.put("signals", d.signals());
            ds.add(x);
        }
        m.put("decisions", ds);
        return m;
    }

    private static Map<String, Object> jdk(JdkContext j, GcPauses gcPauses, long origin) {
        List<Object> pauses = new ArrayList<>();
        for (GcPauses.Pause p : gcPauses.pauses()) {
            pauses.add(map("offsetSeconds", (p.startNanos() - origin) / 1e9, "pauseNanos", p.pauseNanos(), "name",
                    p.name()));
        }
        return map("gc", map("count", j.gcCount, "pauseTotalNanos", j.gcPauseTotalNanos, "longestPauseNanos",
                j.gcLongestPauseNanos, "byCollector", new LinkedHashMap<>(j.gcByCollector), "pauses", pauses,
                "pausesOmitted", gcPauses.omitted()),
                "directBuffers", map("events", j.directBufferEvents, "peakBytes", j.directMemoryPeak, "lastBytes",
                        j.directMemoryLast, "peakCount", j.directCountPeak, "maxCapacityBytes", j.directMaxCapacity));
    }

    private static Map<String, Object> leaks(LeakSuspects l) {
        List<Object> groups = new ArrayList<>();
        for (LeakSuspects.Group g : l.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool", g.pool);
            m.put("kind", g.kind);
            m.put("count", g.count);
            m.put("maxAgeNanos", g.maxAgeNanos);
            m.put("requestedBytes", g.requestedBytes);
            m.put("thread", g.thread);
            m.put("firstTime", Units.instant(g.firstNanos).toString());
            m.put("allocationStack", g.stack);
            groups.add(m);
        }
        return map("total", l.total, "ungrouped", l.ungrouped, "groups", groups);
    }

    private static List<Object> points(TimeSeries series, long origin) {
        List<Object> out = new ArrayList<>();
        for (TimeSeries.Point p : series.points()) {
            out.add(map("t", (p.timeNanos() - origin) / 1e9, "mean", p.mean(), "max", p.max(), "min", p.min()));
        }
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
