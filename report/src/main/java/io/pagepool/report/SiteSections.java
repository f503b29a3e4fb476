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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report's two answers to "where" and "which site": the allocation sites (top stacks, and in
 * HTML the flame graph) and the agent's call sites (verdict, reason in plain words, figures,
 * suggested action), laid out as {@link Doc} sections.
 */
final class SiteSections {
    /** Stacks in the table, and stacks printed frame by frame (the JSON has them all). */
    static final int TOP_STACKS = 20;
    static final int STACK_DETAILS = 8;
    static final int SITE_ROWS = 200;
    static final int DECISION_ROWS = 100;

    private SiteSections() {
    }

    /** The "Allocation sites" section; with {@code flame} (HTML) the flame graph first. */
    static void allocationSites(Doc doc, RecordingSummary r, boolean flame) {
        Doc.Section s = doc.section(2, "Allocation sites");
        AllocationSites a = r.allocationSites;
        if (a.samples == 0) {
            s.text("No allocation samples: io.pagepool.AllocationSample (with its stack) is on in pagepool.jfc and"
                    + " in the agent's jfr= recording.");
            return;
        }
        List<AllocationSites.Stack> stacks = a.stacks();
        s.text(Units.plural(a.samples, "allocation sample") + " (" + DocumentBuilder.pairs(
                AllocationSites.pathCounts(a.byPath)) + ") in " + Units.plural(stacks.size(), "distinct stack")
                + (a.otherStacks == 0 ? "" : ", " + Units.count(a.otherStacks) + " in stacks beyond the "
                + AllocationSites.MAX_STACKS + " kept") + (a.withoutStack == 0 ? "" : ", "
                + Units.count(a.withoutStack) + " without a stack trace")
                + "; pagepool's own frames are trimmed, so each stack starts at the allocating method.");
        if (flame) {
            s.text("Flame graph: each box is a method, as wide as its share of the samples, the allocating method on"
                    + " top of its callers. Click a box to zoom, search with a regular expression;"
                    + " --format collapsed writes these stacks for flamegraph.pl, speedscope or async-profiler's"
                    + " converter.");
            s.flame(new Doc.Flame("flame-" + Integer.toHexString(System.identityHashCode(a)), a)); // one per part
        }
        Doc.Table t = s.table("#>", "Allocating method", "Samples>", "Share>", "Fast>", "Refill>", "Slow>", "Waive>",
                "Size class");
        for (int i = 0; i < stacks.size() && i < TOP_STACKS; i++) {
            AllocationSites.Stack st = stacks.get(i);
            t.row(Integer.toString(i + 1), st.top() == null ? CollapsedStacks.NO_STACK : st.top().java(),
                    Units.count(st.samples), Units.percent((double) st.samples / a.samples),
                    Units.count(st.byPath[0]), Units.count(st.byPath[1]), Units.count(st.byPath[2]),
                    Units.count(st.byPath[3]), sizeClasses(st.bySizeClass));
        }
        if (stacks.size() > TOP_STACKS) {
            s.text(Units.plural(stacks.size() - TOP_STACKS, "smaller stack") + " not shown (--format json and"
                    + " --format collapsed have them all)");
        }
        for (int i = 0; i < stacks.size() && i < STACK_DETAILS; i++) {
            AllocationSites.Stack st = stacks.get(i);
            s.text("#" + (i + 1) + ", " + Units.percent((double) st.samples / a.samples) + " of the samples"
                    + (st.truncated ? " (stack cut at JFR's stackdepth)" : "") + ":");
            s.code(DocumentBuilder.frames(st.frames.stream().map(f -> "at " + f.java())
                    .collect(Collectors.joining("\n")), DocumentBuilder.STACK_FRAMES));
        }
    }

    static String sizeClasses(Map<Long, Long> bySizeClass) {
        return bySizeClass.keySet().stream().filter(k -> k > 0).map(Units::bytes).collect(Collectors.joining(", "));
    }

    /** The "Call sites" section: one row per rewritten allocateDirect site, then the suggested actions. */
    static void callSites(Doc doc, RecordingSummary r) {
        Doc.Section s = doc.section(2, "Call sites");
        CallSites c = r.callSites;
        if (c.isEmpty()) {
            s.text("No call sites: the agent emits io.pagepool.ScopeVerdict for each allocateDirect site it rewrites"
                    + " while a recording runs (its jfr= option records from the start).");
            return;
        }
        List<String> headers = new ArrayList<>(List.of("Site", "Package", "Line>", "Verdict"));
        if (c.anyFigures) {
            headers.addAll(List.of("Mode", "Served>", "Scoped>", "release=>", "Cleaner>", "API>", "Reachability>",
                    "In flight>", "JDK>"));
        }
        headers.addAll(List.of("Samples>", "Reason"));
        Doc.Table t = s.table(headers.toArray(String[]::new));
        List<CallSites.Site> sites = c.sites();
        for (int i = 0; i < sites.size() && i < SITE_ROWS; i++) {
            CallSites.Site site = sites.get(i);
            SiteAdvice advice = SiteAdvice.of(site.scoped, site.reason);
            List<String> row = new ArrayList<>(List.of(site.java(), JavaNotation.packageName(site.className),
                    site.line < 0 ? "?" : Integer.toString(site.line), verdict(advice)));
            if (c.anyFigures) {
                row.add(site.mode == null ? "" : site.mode);
                for (String f : CallSites.FIGURES) {
                    row.add(site.figures == null ? "" : Units.count(site.figure(f)));
                }
            }
            row.add(Units.count(samples(r, site)));
            row.add(advice.plain());
            t.row(row.toArray(String[]::new));
        }
        if (sites.size() > SITE_ROWS || c.sitesOmitted > 0) {
            s.text(Units.plural(Math.max(0, sites.size() - SITE_ROWS) + c.sitesOmitted, "more site") + " not shown");
        }
        s.text("Verdict: scoped sites are released where the buffer dies; the others when unreachable (after a GC),"
                + " unless release= or PagePools.release return them first. Samples: allocation samples whose"
                + " allocating frame is the site.");
        actions(s, sites);
        decisions(doc, r);
    }

    private static String verdict(SiteAdvice advice) {
        return switch (advice.verdict()) {
            case "scoped" -> "scoped";
            case "unreachable" -> "when unreachable";
            default -> "unknown";
        };
    }

    /** Samples of the recording whose allocating frame is {@code site}. */
    static long samples(RecordingSummary r, CallSites.Site site) {
        long[] byPath = r.allocationSites.samplesAt(CallSites.key(site.className, site.method, site.line));
        long n = 0;
        if (byPath != null) {
            for (long v : byPath) {
                n += v;
            }
        }
        return n;
    }

    private static void actions(Doc.Section s, List<CallSites.Site> sites) {
        List<String> releases = new ArrayList<>();
        boolean any = false;
        for (CallSites.Site site : sites) {
            SiteAdvice a = SiteAdvice.of(site.scoped, site.reason);
            if (a.action() == null && a.warning() == null) {
                continue;
            }
            if (!any) {
                s.text("Suggested actions:");
                any = true;
            }
            String where = site.java() + (site.line < 0 ? "" : " line " + site.line);
            if (a.action() != null) {
                s.text(where + ": " + a.action() + ".");
            }
            if (a.release() != null) {
                s.code(SiteAdvice.optionLine(a.release()));
                if (!releases.contains(a.release())) {
                    releases.add(a.release());
                }
            }
            if (a.warning() != null) {
                s.text("Warning, " + where + ": " + a.warning() + ".");
            }
        }
        if (releases.size() > 1) {
            s.text("The release= entries above in one option (each only where the buffer's life ends):");
            s.code(SiteAdvice.optionLine(String.join(";", releases)));
        }
    }

    /** A decision with its site, for the table of all sites' decisions in time order. */
    private record SiteDecision(CallSites.Site site, CallSites.Decision decision) {
    }

    private static void decisions(Doc doc, RecordingSummary r) {
        List<SiteDecision> all = new ArrayList<>();
        for (CallSites.Site site : r.callSites.sites()) {
            site.decisions.forEach(d -> all.add(new SiteDecision(site, d)));
        }
        if (all.isEmpty()) {
            return;
        }
        all.sort(Comparator.comparingLong(x -> x.decision().timeNanos()));
        Doc.Section s = doc.section(3, "Site decisions");
        Doc.Table t = s.table("Time>", "Site", "Mode", "Reason");
        for (int i = 0; i < all.size() && i < DECISION_ROWS; i++) {
            CallSites.Site site = all.get(i).site();
            CallSites.Decision d = all.get(i).decision();
            t.row("+" + Units.seconds((d.timeNanos() - r.startNanos) / 1e9), site.java() + (site.line < 0 ? ""
                    : " line " + site.line), d.before() + " -> " + d.after(), d.reason() == null ? "" : d.reason());
        }
        long hidden = r.callSites.decisionsTotal - Math.min(all.size(), DECISION_ROWS);
        if (hidden > 0) {
            s.text(Units.count(hidden) + " more decisions not shown");
        }
    }
}
