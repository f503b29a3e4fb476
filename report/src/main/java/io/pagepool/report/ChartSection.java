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
import java.util.List;

/**
 * The charts of one recording: allocation rate, fast-path misses on a log scale, waives, pages in
 * flight, thread cache capacity (steps) and memory mapped against the budget (steps), each with
 * the recording's GC pauses and tuner decisions on its time axis.
 */
final class ChartSection {
    /** The busiest caches charted per pool. */
    static final int CHART_CACHES = 8;
    /** The budget is drawn when the peak reached this share of it; far above, it would flatten the lines. */
    static final double BUDGET_DRAWN_FROM = 0.25;

    private ChartSection() {
    }

    static void add(Doc.Section s, RecordingSummary r) {
        List<Doc.Line> rate = new ArrayList<>();
        List<Doc.Line> misses = new ArrayList<>();
        List<Doc.Line> waives = new ArrayList<>();
        List<Doc.Line> inflight = new ArrayList<>();
        List<Doc.Line> memory = new ArrayList<>();
        List<Doc.Line> capacity = new ArrayList<>();
        List<String> budgetsNotDrawn = new ArrayList<>();
        for (PoolSummary p : SizeClasses.ordered(r.pools.values())) {
            long gap = Math.round(SvgChart.GAP_PERIODS * p.periodNanos());
            rate.add(new Doc.Line(p.name, p.allocationRate.points(), Doc.Shape.LINEAR, gap));
            misses.add(new Doc.Line(p.name, p.missRatio.points(), Doc.Shape.LINEAR, gap));
            waives.add(new Doc.Line(p.name, p.waiveRate.points(), Doc.Shape.LINEAR, gap));
            inflight.add(new Doc.Line(p.name, p.inflight.points(), Doc.Shape.LINEAR, gap));
            memory.add(new Doc.Line(p.name + " mapped", p.bytesMapped.points(), Doc.Shape.STEP, gap));
            if (p.maxMemory > 0 && p.budgetUsePeak() >= BUDGET_DRAWN_FROM) {
                memory.add(new Doc.Line(p.name + " budget", p.budget.points(), Doc.Shape.STEP, gap));
            } else if (p.maxMemory > 0) {
                budgetsNotDrawn.add(p.name + " " + Units.bytes(p.maxMemory));
            }
            List<CacheSummary> busy = r.caches(p.name).stream().filter(c -> c.hits + c.underflows + c.overflows > 0)
                    .toList();
            for (int i = 0; i < busy.size() && i < CHART_CACHES; i++) {
                CacheSummary c = busy.get(i);
                capacity.add(new Doc.Line(p.name + "/" + c.threadName, c.capacity.points(), Doc.Shape.STEP, 0));
            }
        }
        if (capacity.size() > SvgChart.COLORS.length) { // one colour per line: the busiest caches of each pool first
            capacity = capacity.subList(0, SvgChart.COLORS.length);
        }
        List<Doc.Mark> marks = marks(r);
        String id = "c" + Integer.toHexString(r.source.hashCode() & 0x7fffffff);
        long end = r.endNanos;
        s.text("Time runs from the start of the recording; each point is a statistics interval (merged when the "
                + "recording is long); a line breaks where no point came for over " + (int) SvgChart.GAP_PERIODS
                + " sampling periods. Capacities and memory are steps: a value holds until the next sample. "
                + "Grey bands: GC pauses (" + Units.count(r.gcPauses.total) + "); orange triangles: tuner decisions ("
                + Units.count(r.tuner.total) + ")." + (budgetsNotDrawn.isEmpty() ? "" : " Budgets far above the "
                + "peak are not drawn: " + String.join(", ", budgetsNotDrawn) + "."));
        s.chart(chart(id + "-rate", "Allocation rate (pages/s)", Doc.Unit.RATE, Doc.Scale.LINEAR, r, rate, marks));
        s.chart(chart(id + "-misses", "Fast-path ratio, as misses: 1 - ratio per interval (log scale; 0 on the"
                + " bottom line)", Doc.Unit.RATIO, Doc.Scale.LOG, r, misses, marks));
        s.chart(chart(id + "-waives", "Waives: allocations the pool did not serve (per second)", Doc.Unit.RATE,
                Doc.Scale.LINEAR, r, waives, marks));
        s.chart(chart(id + "-inflight", "Pages in flight (held by callers)", Doc.Unit.PAGES, Doc.Scale.LINEAR, r,
                inflight, marks));
        s.chart(chart(id + "-capacity", "Thread cache capacity (pages)", Doc.Unit.PAGES, Doc.Scale.LINEAR, r,
                capacity, marks));
        s.chart(chart(id + "-memory", "Memory mapped by the pool, and its budget", Doc.Unit.BYTES, Doc.Scale.LINEAR,
                r, memory, marks));
    }

    private static Doc.Chart chart(String id, String title, Doc.Unit unit, Doc.Scale scale, RecordingSummary r,
                                   List<Doc.Line> lines, List<Doc.Mark> marks) {
        return new Doc.Chart(id, title, unit, scale, r.startNanos, r.endNanos, lines, marks);
    }

    /** The recording's GC pauses and tuner decisions, each with its words for the tooltip. */
    static List<Doc.Mark> marks(RecordingSummary r) {
        List<Doc.Mark> out = new ArrayList<>();
        for (GcPauses.Pause p : r.gcPauses.pauses()) {
            out.add(new Doc.Mark(Doc.MarkKind.GC_PAUSE, p.startNanos(), p.pauseNanos(), p.name() + " paused "
                    + Units.duration(p.pauseNanos()) + " at +" + Units.seconds((p.startNanos() - r.startNanos) / 1e9)));
        }
        for (TunerTimeline.Decision d : r.tuner.decisions()) {
            out.add(new Doc.Mark(Doc.MarkKind.TUNER_DECISION, d.timeNanos(), 0, d.pool() + " " + d.parameter()
                    + (d.cacheId() < 0 ? "" : " (cache " + d.cacheId() + ")") + " " + d.before() + " -> " + d.after()
                    + ": " + d.reason() + " at +" + Units.seconds((d.timeNanos() - r.startNanos) / 1e9)));
        }
        return out;
    }
}
