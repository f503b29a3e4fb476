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

import static io.pagepool.pool.PoolCounter.ALLOC_EMPTY;
import static io.pagepool.pool.PoolCounter.ALLOC_FAST;
import static io.pagepool.pool.PoolCounter.ALLOC_PAGES;
import static io.pagepool.pool.PoolCounter.ALLOC_REFILL;
import static io.pagepool.pool.PoolCounter.ALLOC_SLOW;
import static io.pagepool.pool.PoolCounter.ALLOC_WAIVE;
import static io.pagepool.pool.PoolCounter.RECYCLE_CACHED;
import static io.pagepool.pool.PoolCounter.RECYCLE_CACHE_FULL;
import static io.pagepool.pool.PoolCounter.RECYCLE_RELEASED_REFCNT;
import static io.pagepool.pool.PoolCounter.RECYCLE_RING;
import static io.pagepool.pool.PoolCounter.RECYCLE_RING_FULL;
import static io.pagepool.pool.PoolCounter.RELEASE_PAGES;
import static io.pagepool.pool.PoolCounter.SLABS_MAPPED;
import static io.pagepool.pool.PoolCounter.SLABS_UNMAPPED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Lays the summaries out as a {@link Doc}: one part per recording, then the combined view. */
final class DocumentBuilder {
    /** Rows shown per table where a recording may have thousands (the JSON has them all). */
    static final int CACHE_ROWS_PER_POOL = 32;
    static final int TUNER_ROWS = 200;
    static final int LEAK_GROUPS = 20;
    static final int STACK_FRAMES = 12;

    private DocumentBuilder() {
    }

    /**
     * @param chartsFirst charts right after the overview (HTML, where they are drawn), else last
     *        (the text formats, where they are summed up in words)
     */
    static Doc build(ReportModel model, boolean chartsFirst) {
        Doc doc = new Doc("pagepool report");
        for (RecordingSummary r : model.recordings()) {
            part(doc, "Recording " + r.source, r, chartsFirst, model.bar());
        }
        if (model.combined() != null) {
            part(doc, "Combined view of " + model.recordings().size() + " recordings", model.combined(), chartsFirst,
                    model.bar());
        }
        return doc;
    }

    private static void part(Doc doc, String title, RecordingSummary r, boolean chartsFirst, Evidence.Bar bar) {
        overview(doc.section(1, title), r);
        if (chartsFirst) {
            ChartSection.add(doc.section(2, "Charts"), r);
        }
        pools(doc, r);
        SiteSections.allocationSites(doc, r, chartsFirst);
        SiteSections.callSites(doc, r);
        caches(doc.section(2, "Thread caches"), r);
        tuner(doc.section(2, "Tuner timeline"), r);
        jdk(doc.section(2, "JDK context"), r);
        leaks(doc.section(2, "Leak suspects"), r);
        if (!chartsFirst) {
            ChartSection.add(doc.section(2, "Charts"), r);
        }
        RecommendationSection.add(doc.section(2, "Recommendations (tuner off)"), r, bar);
    }

    private static void overview(Doc.Section s, RecordingSummary r) {
        Doc.Fields f = s.fields();
        f.add(r.files.size() == 1 ? "File" : "Files", String.join(", ", r.files));
        f.add("Size", Units.bytes(r.bytes));
        if (!r.cuts.isEmpty()) {
            f.add("Cut (not read)", String.join("; ", r.cuts));
        }
        f.add("Span", Units.time(r.startNanos) + " .. " + Units.time(r.endNanos) + " ("
                + Units.seconds(r.durationSeconds()) + ")");
        f.add("Events", Units.count(r.events) + " (" + Units.count(r.pagepoolEvents) + " pagepool)");
        f.add("Pools", r.pools.isEmpty() ? "none" : String.join(", ", r.pools.keySet()));
        String omitted = r.cachesOmitted == 0 ? "" : " (+" + Units.count(r.cachesOmitted)
                + " events of caches beyond " + RecordingSummary.MAX_CACHES + ")";
        f.add("Thread caches", Units.count(r.caches().size()) + omitted);
        f.add("Tuner decisions", Units.count(r.tuner.total));
        f.add("Leak suspects", Units.count(r.leaks.total));
        f.add("GC", Units.count(r.jdk.gcCount) + " collections, " + Units.duration(r.jdk.gcPauseTotalNanos)
                + " paused");
        if (!r.allocationSamplesByPath.isEmpty()) {
            f.add("Allocation samples", pairs(r.allocationSamplesByPath));
        }
    }

    private static void pools(Doc doc, RecordingSummary r) {
        Doc.Section s = doc.section(2, "Pools");
        if (r.pools.isEmpty()) {
            s.text("No pool statistics in this recording.");
            return;
        }
        List<PoolSummary> pools = SizeClasses.ordered(r.pools.values());
        Doc.Table alloc = s.table("Pool", "Page>", "Allocations>", "Rate>", "Peak rate>", "Fast path>", "Ring refills>",
                "Slab refills>", "Empty ring>", "Waives>");
        for (PoolSummary p : pools) {
            alloc.row(p.name, Units.bytes(p.pageSize), Units.count(p.total(ALLOC_PAGES)),
                    Units.rate(p.allocationRateMean()),
                    Units.rate(p.allocationRatePeak), Units.percent(p.fastPathRatioTotal()),
                    Units.count(p.total(ALLOC_REFILL)), Units.count(p.total(ALLOC_SLOW)),
                    Units.count(p.total(ALLOC_EMPTY)), Units.count(p.total(ALLOC_WAIVE)));
        }
        Doc.Table mem = s.table("Pool", "To cache>", "Cache full>", "To ring>", "Ring full>", "In flight peak>",
                "Memory peak>", "Budget>", "Budget use>", "Slabs +/->");
        for (PoolSummary p : pools) {
            mem.row(p.name, Units.count(p.total(RECYCLE_CACHED)), Units.count(p.total(RECYCLE_CACHE_FULL)),
                    Units.count(p.total(RECYCLE_RING)), Units.count(p.total(RECYCLE_RING_FULL)),
                    Units.count(p.inflightPeak), Units.bytes(p.bytesMappedPeak),
                    Units.bytes(p.maxMemory), Units.percent(p.budgetUsePeak()),
                    Units.count(p.total(SLABS_MAPPED)) + "/" + Units.count(p.total(SLABS_UNMAPPED)));
        }
        Map<String, List<PoolSummary>> groups = SizeClasses.groups(pools);
        groups.forEach((group, classes) -> s.text("Size classes " + group + ": " + classes.stream()
                .map(p -> p.name + " (" + Units.bytes(p.pageSize) + " pages)").collect(Collectors.joining(", "))
                + ", one pool each under one budget: a row per class above."));
        for (PoolSummary p : pools) {
            Doc.Fields f = doc.section(3, "Pool " + p.name).fields();
            f.add("Page size", Units.bytes(p.pageSize) + ", mapping " + p.mapping);
            f.add("Observed", Units.seconds(p.observedNanos / 1e9) + " in " + Units.count(p.statisticsEvents)
                    + " intervals");
            f.add("Allocations", Units.count(p.total(ALLOC_PAGES)) + " pages: " + Units.count(p.total(ALLOC_FAST))
                    + " fast, " + Units.count(p.total(ALLOC_REFILL)) + " refills from the ring, "
                    + Units.count(p.total(ALLOC_SLOW)) + " from slabs (" + Units.count(p.total(ALLOC_EMPTY))
                    + " found the ring empty)");
            f.add("Waives", Units.count(p.total(ALLOC_WAIVE)) + (p.waiveEvents == 0 ? "" : "; recorded reasons: "
                    + pairs(p.waiveEventsByReason) + " (largest request " + Units.bytes(p.waiveLargestRequest) + ")"));
            f.add("Releases", Units.count(p.total(RELEASE_PAGES)) + " pages, "
                    + Units.count(p.total(RECYCLE_RELEASED_REFCNT)) + " shared references dropped");
            f.add("Slab maps", Units.count(p.slowAllocationEvents) + " (" + Units.bytes(p.slowAllocationBytes) + "), "
                    + Units.duration(p.mapTimeTotalNanos) + " in all, longest " + Units.duration(p.mapTimeMaxNanos));
            f.add("Ring", "capacity " + Units.count(p.ringCapacity) + " (peak " + Units.count(p.ringCapacityPeak)
                    + "), at most " + Units.count(p.ringSizePeak) + " pages held");
            f.add("Caches", "up to " + Units.count(p.threadCachesPeak) + " caches, "
                    + Units.count(p.cacheCapacityTotalPeak)
                    + " pages of capacity in all");
            if (!p.lifecycle.isEmpty()) {
                f.add("Lifecycle", pairs(p.lifecycle));
            }
            if (!p.configuration.isEmpty()) {
                f.add("Configuration", p.configuration.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    private static void caches(Doc.Section s, RecordingSummary r) {
        if (r.caches().isEmpty()) {
            s.text("No thread cache statistics in this recording.");
            return;
        }
        Doc.Table t = s.table("Pool", "Cache>", "Thread", "Capacity", "Range", "Size peak>", "Hits>", "Underflows>",
                "Overflows>", "Misses>");
        for (String pool : r.pools.keySet()) {
            List<CacheSummary> all = r.caches(pool);
            List<CacheSummary> caches = all.stream().filter(c -> c.hits + c.underflows + c.overflows + c.releases > 0)
                    .toList();
            for (int i = 0; i < caches.size() && i < CACHE_ROWS_PER_POOL; i++) {
                CacheSummary c = caches.get(i);
                t.row(c.pool, Long.toString(c.cacheId), c.threadName == null ? "" : c.threadName,
                        c.capacityFirst == c.capacityLast
                                ? Long.toString(c.capacityLast) : c.capacityFirst + " -> " + c.capacityLast,
                        c.capacityMin + ".." + c.capacityMax, Units.count(c.sizePeak), Units.count(c.hits),
                        Units.count(c.underflows), Units.count(c.overflows), Units.percent(c.missRatio()));
            }
            long hidden = all.size() - Math.min(caches.size(), CACHE_ROWS_PER_POOL);
            if (hidden > 0) {
                s.text(pool + ": " + Units.plural(hidden, "quieter or idle cache")
                        + " not shown (--format json has them all)");
            }
        }
    }

    private static void tuner(Doc.Section s, RecordingSummary r) {
        if (r.tuner.total == 0) {
            s.text("No tuner decisions: the tuner was off, or had nothing to change.");
            return;
        }
        Doc.Table t = s.wideTable("Time>", "Pool", "Parameter", "Cache>", "Change", "Reason", "Signals");
        List<TunerTimeline.Decision> ds = r.tuner.decisions();
        for (int i = 0; i < ds.size() && i < TUNER_ROWS; i++) {
            TunerTimeline.Decision d = ds.get(i);
            t.row("+" + Units.seconds((d.timeNanos() - r.startNanos) / 1e9), d.pool(), d.parameter(),
                    d.cacheId() < 0 ? "pool" : Long.toString(d.cacheId()), d.before() + " -> " + d.after(), d.reason(),
                    d.signals());
        }
        long hidden = r.tuner.total - Math.min(ds.size(), TUNER_ROWS);
        if (hidden > 0) {
            s.text(Units.count(hidden) + " later decisions not shown");
        }
        List<String> counts = new ArrayList<>();
        r.tuner.countByPoolAndParameter.forEach((pool, m) -> counts.add(pool + ": " + pairs(m)));
        s.text("Decisions by parameter: " + String.join("; ", counts));
    }

    private static void jdk(Doc.Section s, RecordingSummary r) {
        JdkContext j = r.jdk;
        Doc.Fields f = s.fields();
        f.add("Garbage collections", Units.count(j.gcCount) + (j.gcByCollector.isEmpty() ? "" : " ("
                + pairs(j.gcByCollector) + ")"));
        f.add("GC pauses", Units.duration(j.gcPauseTotalNanos) + " in all, longest "
                + Units.duration(j.gcLongestPauseNanos));
        if (j.directBufferEvents == 0) {
            f.add("Direct buffers", "no jdk.DirectBufferStatistics events (record with settings=default)");
        } else {
            f.add("Direct buffers", "peak " + Units.bytes(j.directMemoryPeak) + " in " + Units.count(j.directCountPeak)
                    + (j.directCountPeak == 1 ? " buffer, " : " buffers, ")
                    + Units.bytes(j.directMemoryLast) + " at the end"
                    + (j.directMaxCapacity > 0 ? ", limit " + Units.bytes(j.directMaxCapacity) : ""));
        }
        f.add("Note", "pagepool's own memory is invisible to jdk.DirectBufferStatistics and MaxDirectMemorySize");
    }

    private static void leaks(Doc.Section s, RecordingSummary r) {
        List<LeakSuspects.Group> groups = r.leaks.groups();
        if (groups.isEmpty()) {
            s.text("No leak suspects (io.pagepool.LeakSuspect is on in pagepool.jfc).");
            return;
        }
        for (int i = 0; i < groups.size() && i < LEAK_GROUPS; i++) {
            LeakSuspects.Group g = groups.get(i);
            s.text(g.count + " x " + g.kind + " in pool " + g.pool + ": age up to " + Units.duration(g.maxAgeNanos)
                    + ", " + Units.bytes(g.requestedBytes) + " requested"
                    + (g.thread == null ? "" : ", allocated on " + g.thread));
            s.code(g.stack.isBlank() ? "(no allocation stack)" : frames(g.stack.strip(), STACK_FRAMES));
        }
        if (groups.size() > LEAK_GROUPS || r.leaks.ungrouped > 0) {
            s.text("More suspects not shown: " + Math.max(0, groups.size() - LEAK_GROUPS) + " groups, "
                    + r.leaks.ungrouped + " ungrouped");
        }
    }

    /** The first {@code max} lines of a stack, and how many more there are. */
    static String frames(String stack, int max) {
        List<String> lines = stack.lines().toList();
        if (lines.size() <= max) {
            return stack;
        }
        return String.join("\n", lines.subList(0, max)) + "\n... " + (lines.size() - max)
                + " more frames (--format json has them all)";
    }

    static String pairs(Map<String, Long> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + Units.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
