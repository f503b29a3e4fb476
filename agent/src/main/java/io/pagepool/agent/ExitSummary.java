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
package io.pagepool.agent;

import io.pagepool.agent.rewrite.ClassWatch;
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's figures at one moment, all the pool's from one snapshot so they agree with each
 * other: the human exit lines ({@link #line()}, {@link #classesLine()}) and the {@code summary=}
 * file ({@link #write}), one {@code key=value} per line in a fixed order, for scripts; a size
 * class's figures under keys ending in its size ({@code servedFromPool.2k}). Each figure counts
 * one thing and says so: the pool's counters are not kept with {@code stats=false}, so the
 * figures from them are -1 in the file and "not counted" in the line (the agent's own release
 * counters are always kept); with {@code scopeCheck=on} scoped buffers come from arenas of their
 * own, not the pool, so their releases are not pages returned. Immutable.
 *
 * @param sitesRewritten      allocateDirect call sites and method references rewritten
 * @param classesRewritten    classes with at least one rewritten site
 * @param scopedSites         of those sites, the ones released where the buffer dies
 * @param classesChecked      classes the pre-filter looked at
 * @param transformMillis     time spent in the transformer, all threads
 * @param classesSkipped      classes that could not be rewritten (they run unchanged)
 * @param loadersSkipped      classes left alone because their loader cannot see the agent
 * @param poolCounted         the pool keeps its counters ({@code stats=true}); else the pool's figures are -1
 * @param servedFromPool      buffers the pool handed out (-1: not counted)
 * @param servedByJdk         requests the JDK served instead: the five reasons below together (-1: not counted)
 * @param jdkTooLarge         of those, requests larger than the largest size class (-1: not counted)
 * @param jdkBudget           of those, requests made while the memory budget was spent (-1: not counted)
 * @param jdkClosed           of those, requests made after the pool was closed (-1: not counted)
 * @param jdkEmpty            of those, {@code allocateDirect(0)} calls (always counted)
 * @param jdkSiteMode         of those, calls of sites the tuner (or a pin) sent to the JDK (always counted)
 * @param scopeCheck          {@code scopeCheck=on}: scoped buffers came from arenas of their own, not the pool
 * @param releasedScoped      releases where the analysis proved the buffer dead (pages, or with
 *                            {@code scopeCheck=on} arenas closed)
 * @param releasedMethod      pages returned by {@code release=} methods
 * @param releasedApi         pages returned through {@code PagePools.release}
 * @param releasedCleaner     pages returned by {@code Unsafe.invokeCleaner}
 * @param releasedRecipe      pages returned by a built-in release recipe
 * @param releasedUnreachable pages returned when their buffer became unreachable
 * @param releasesIgnored     releases of foreign, derived or already released buffers
 * @param fastPathRatio       share of allocations served by a thread cache, 0..1 (-1: not counted)
 * @param bytesMapped         the pool's memory mapped now, every class
 * @param classes             each size class's figures, smallest first
 */
record ExitSummary(long sitesRewritten, long classesRewritten, long scopedSites, long classesChecked,
                   long transformMillis, long classesSkipped, long loadersSkipped, boolean poolCounted,
                   long servedFromPool, long servedByJdk, long jdkTooLarge, long jdkBudget, long jdkClosed,
                   long jdkEmpty, long jdkSiteMode, boolean scopeCheck, long releasedScoped, long releasedMethod,
                   long releasedApi, long releasedCleaner, long releasedRecipe, long releasedUnreachable,
                   long releasesIgnored, double fastPathRatio, long bytesMapped, List<ClassFigures> classes) {

    /**
     * One size class at exit, from one snapshot of its own.
     *
     * @param label          the class as options write it ({@code 2k})
     * @param servedFromPool pages it handed out
     * @param jdkBudget      its requests the budget left to the JDK
     * @param pagesMapped    its pages mapped now
     * @param bytesMapped    its memory mapped now
     */
    record ClassFigures(String label, long servedFromPool, long jdkBudget, long pagesMapped, long bytesMapped) {
        static ClassFigures of(PagePool cls) {
            PoolStats s = cls.stats();
            return new ClassFigures(PagePoolAgent.sizeLabel(cls.pageSize()), s.allocPages(), s.waiveBudget(),
                    s.pagesMapped(), s.bytesMapped());
        }

        /** Whether the class served, missed or holds anything (the exit line lists only those). */
        boolean used() {
            return servedFromPool > 0 || jdkBudget > 0 || pagesMapped > 0;
        }
    }

    /**
     * The figures now; {@code rewriter} and {@code swap} are null while the rewriting has not
     * started (no class that calls {@code allocateDirect} loaded yet): nothing was rewritten or
     * served, and the pool, never built, mapped nothing (its fast-path ratio reads as an unused
     * pool's, 1).
     */
    static ExitSummary of(ClassWatch watch, Rewriter rewriter, BufferSwap swap, boolean scopeCheck) {
        boolean on = rewriter != null;
        long classesChecked = watch.classesScanned();
        long transformMillis = watch.transformNanos() / 1_000_000;
        long siteMode = on ? SiteTable.global().jdkModeCalls() : 0; // no site before the rewriting
        if (swap == null) {
            return new ExitSummary(0, 0, 0, classesChecked, transformMillis, 0, 0, true, 0, siteMode, 0, 0, 0, 0,
                    siteMode, scopeCheck, 0, 0, 0, 0, 0, 0, 0, 1.0, 0, List.of());
        }
        List<ClassFigures> classes = new ArrayList<>();
        for (PagePool cls : swap.pool().classes()) {
            classes.add(ClassFigures.of(cls));
        }
        PoolStats stats = swap.pool().stats(); // one pass over the caches: its figures agree with each other
        boolean counted = swap.pool().classes().getFirst().statsEnabled();
        long empty = swap.waived(stats) - stats.allocWaive(); // the swap counts these itself, always
        return new ExitSummary(on ? rewriter.sitesRewritten() : 0, on ? rewriter.classesRewritten() : 0,
                on ? rewriter.scopedSites() : 0, classesChecked, transformMillis,
                on ? rewriter.failures() : 0, on ? rewriter.loadersSkipped() : 0, counted,
                counted ? swap.swapped(stats) : -1, counted ? swap.waived(stats) + siteMode : -1,
                counted ? stats.waiveSize() : -1, counted ? stats.waiveBudget() : -1,
                counted ? stats.waiveClosed() : -1, empty, siteMode, scopeCheck,
                swap.released(ReleasePath.SCOPED), swap.released(ReleasePath.METHOD), swap.released(ReleasePath.API),
                swap.released(ReleasePath.CLEANER), swap.released(ReleasePath.RECIPE),
                swap.released(ReleasePath.REACHABILITY),
                swap.released(ReleasePath.IGNORED_FOREIGN) + swap.released(ReleasePath.IGNORED_STALE),
                counted ? stats.fastPathRatio() : -1, stats.bytesMapped(), List.copyOf(classes));
    }

    /** One line: what was rewritten, who served the requests and how the pages came back. */
    String line() {
        String served = poolCounted
                ? "served " + servedFromPool + " buffers from the pool, " + servedByJdk + " from the JDK (too large "
                        + jdkTooLarge + ", budget spent " + jdkBudget + ", pool closed " + jdkClosed + ", empty "
                        + jdkEmpty + ", site at the JDK " + jdkSiteMode + ")"
                : "buffers served by the pool and by the JDK: not counted (stats=false; " + jdkEmpty
                        + " empty requests and " + jdkSiteMode + " calls of sites at the JDK went to the JDK)";
        return "rewrote " + sitesRewritten + " allocateDirect site(s) in " + classesRewritten + " class(es), "
                + scopedSites + " scoped (" + classesChecked + " classes checked in " + transformMillis
                + " ms); " + served + "; pages returned: " + (scopeCheck ? "" : "scoped " + releasedScoped + ", ")
                + "release= methods " + releasedMethod + ", PagePools.release " + releasedApi + ", invokeCleaner "
                + releasedCleaner + ", recipes " + releasedRecipe + ", unreachable " + releasedUnreachable
                + "; ignored releases " + releasesIgnored
                + (scopeCheck ? "; scopeCheck=on: " + releasedScoped + " scoped buffers had arenas of their own (not"
                        + " the pool's pages), each closed where it died" : "")
                // no String.format: its locale data costs tens of milliseconds at the exit of a short run
                + (poolCounted ? "; fast-path ratio " + Math.round(1000 * fastPathRatio) / 10.0 + "%"
                        : "; fast-path ratio not counted (stats=false)")
                + "; memory mapped " + (bytesMapped >> 20) + " MiB"
                + (classesSkipped > 0 ? "; " + classesSkipped + " class(es) could not be rewritten (see above)" : "")
                + (loadersSkipped > 0 ? "; " + loadersSkipped + " class(es) left alone: their loader cannot see"
                        + " the agent" : "");
    }

    /** The sites section: the busiest sites with their modes and figures (see {@link AgentSites}). */
    List<String> siteLines() {
        return AgentSites.summaryLines(SiteTable.global());
    }

    /**
     * The size classes' line: each class that served, missed or holds pages, as
     * {@code 2k 1200 served, 3 to the JDK (budget), 16 pages / 32 KiB mapped}, then the requests
     * larger than the largest class and the classes left idle.
     */
    String classesLine() {
        StringBuilder line = new StringBuilder("size classes:");
        List<String> idle = new ArrayList<>();
        for (ClassFigures c : classes) {
            if (!c.used()) {
                idle.add(c.label());
                continue;
            }
            line.append(line.charAt(line.length() - 1) == ':' ? " " : "; ").append(c.label()).append(' ')
                    .append(poolCounted ? c.servedFromPool() + " served" : "served not counted")
                    .append(c.jdkBudget() > 0 ? ", " + c.jdkBudget() + " to the JDK (budget)" : "")
                    .append(", ").append(c.pagesMapped()).append(" pages / ").append(c.bytesMapped() >> 10)
                    .append(" KiB mapped");
        }
        String largest = classes.isEmpty() ? "?" : classes.getLast().label();
        line.append(line.charAt(line.length() - 1) == ':' ? " none used" : "").append("; larger than ")
                .append(largest).append(": ").append(poolCounted ? Long.toString(jdkTooLarge) : "not counted")
                .append(" to the JDK (too large)");
        return line + (idle.isEmpty() ? "" : "; idle: " + String.join(" ", idle));
    }

    /**
     * The figures by key, in the record's order: the {@code summary=} file's content. Each size
     * class adds {@code servedFromPool.<size>}, {@code jdkBudget.<size>}, {@code pagesMapped.<size>}
     * and {@code bytesMapped.<size>} ({@code <size>} as {@code 2k}), smallest class first.
     */
    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        for (var component : ExitSummary.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(this);
                if (value instanceof List<?>) {
                    continue; // the classes: below, one key per figure
                }
                figures.put(component.getName(), value instanceof Double d
                        ? String.format(Locale.ROOT, "%.6f", d) : value.toString());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        for (ClassFigures c : classes) {
            figures.put("servedFromPool." + c.label(), Long.toString(c.servedFromPool()));
            figures.put("jdkBudget." + c.label(), Long.toString(c.jdkBudget()));
            figures.put("pagesMapped." + c.label(), Long.toString(c.pagesMapped()));
            figures.put("bytesMapped." + c.label(), Long.toString(c.bytesMapped()));
        }
        return figures;
    }

    /** Writes {@link #figures()} to {@code file}, whole or not at all (a temporary file moved into place). */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder("# pagepool agent exit summary: key=value\n");
        figures().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
