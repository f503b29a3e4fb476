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

import static io.pagepool.report.MiniJson.dbl;
import static io.pagepool.report.MiniJson.list;
import static io.pagepool.report.MiniJson.num;
import static io.pagepool.report.MiniJson.obj;
import static io.pagepool.report.Svg.attribute;
import static io.pagepool.report.Svg.count;
import static io.pagepool.report.Svg.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts tell the truth about real recordings ({@link TruthWorkload}, {@link ReportWorkload}):
 * lines break at gaps, gauges are steps, misses are on a log scale, lines on top of each other stay
 * distinguishable, GC pauses and tuner decisions are marked, and waives and in-flight pages have
 * charts of their own.
 */
class ChartTruthTest {
    @TempDir
    Path dir;

    private String html(String... files) throws IOException {
        Path out = dir.resolve("report-" + files.length + ".html");
        String[] args = new String[files.length + 5];
        System.arraycopy(files, 0, args, 0, files.length);
        System.arraycopy(new String[] {"--format", "html", "--output", out.toString(), "--quiet"}, 0, args,
                files.length, 5);
        Reports r = Reports.run(args);
        assertEquals(0, r.exitCode(), r::err);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> pool(String file, String name) {
        return list(list(Reports.json(file), "recordings").getFirst(), "pools").stream().map(p -> obj(p))
                .filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void aLineBreaksWithAMoveToWhereThePoolHadNoStatisticsForLongerThanTwoPeriods() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        Map<String, Object> gap = pool(w.file.toString(), w.gap);
        int gaps = gapsLongerThanTwoPeriods(gap);
        assertTrue(gaps >= 1, "the recording has the planted gap");
        String svg = Svg.charts(html(w.file.toString()), "Allocation rate").getFirst();
        String d = attribute(path(svg, w.gap), "d");
        // one segment, plus one more per gap in the data (a loaded machine may add a late period)
        assertEquals(1 + gaps, count(d, "M"), "a move-to at each gap: " + d);
        Map<String, Object> burst = pool(w.file.toString(), w.burst);
        assertEquals(1 + gapsLongerThanTwoPeriods(burst), count(attribute(path(svg, w.burst), "d"), "M"),
                "a move-to only where the data has a gap");
    }

    /** Gaps in a pool's allocation-rate series longer than 2 of its statistics periods. */
    private static int gapsLongerThanTwoPeriods(Map<String, Object> pool) {
        List<Object> rate = list(pool, "series", "allocationRate");
        double period = dbl(pool, "periodSeconds");
        int gaps = 0;
        for (int i = 1; i < rate.size(); i++) {
            if (dbl(rate.get(i), "t") - dbl(rate.get(i - 1), "t") > 2 * period) {
                gaps++;
            }
        }
        return gaps;
    }

    @Test
    void capacitiesAndMemoryAreStepsAndRatesAreLines() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        String html = html(w.file.toString());
        String mapped = path(Svg.charts(html, "Memory mapped").getFirst(), w.burst + " mapped");
        assertTrue(mapped.startsWith("<path class=\"series step\""), mapped);
        String d = attribute(mapped, "d");
        assertTrue(d.contains("H") && d.contains("V") && !d.contains("L"), "horizontal, then vertical: " + d);
        String capacity = Svg.charts(html(ReportWorkload.get().first.toString()), "Thread cache capacity").getFirst();
        assertTrue(count(capacity, "<path class=\"series step\"") >= 2 && !capacity.contains("series linear"),
                capacity);
        String rate = path(Svg.charts(html, "Allocation rate").getFirst(), w.burst);
        assertTrue(rate.startsWith("<path class=\"series linear\"") && attribute(rate, "d").contains("L"), rate);
    }

    @Test
    void missesArePlottedOnALogScaleWithZeroOnItsOwnLine() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        String svg = Svg.charts(html(w.file.toString()), "Fast-path ratio").getFirst();
        assertTrue(svg.contains("log scale"), "the title says so");
        assertTrue(svg.contains(">100.00 %</text>") && svg.contains(">10.00 %</text>") && svg.contains(">0</text>"),
                "decade ticks and a zero line: " + svg);
        List<Double> ys = Svg.ys(path(svg, w.burst));
        double top = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bottom = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(bottom - top > 40, "the burst's misses stand out from the steady intervals, not a flat line on the"
                + " top border: " + ys);
        assertTrue(top > 20, "no interval missed on every allocation: " + ys);
    }

    @Test
    void linesOnTopOfEachOtherGetTheirOwnDashAndMarkerAndTheLegendSaysSameAs() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        String svg = Svg.charts(html(w.file.toString()), "Pages in flight").getFirst();
        String a = path(svg, w.twinA);
        String b = path(svg, w.twinB);
        assertEquals(Svg.ys(a), Svg.ys(b), "two idle pools: the same line");
        assertEquals(count(attribute(a, "d"), "L"), count(attribute(b, "d"), "L"));
        assertNotEquals(attribute(a, "stroke"), attribute(b, "stroke"));
        assertNotEquals(attribute(a, "stroke-dasharray"), attribute(b, "stroke-dasharray"), "a dash of its own");
        assertTrue(svg.contains(">" + w.twinB + " (same as "), "the legend says which line it hides behind: " + svg);
        assertFalse(svg.contains(">" + w.burst + " (same as "), "the burst's line is its own");
        assertTrue(count(svg, "class=\"marker\"") > 10, "markers on the points");
    }

    @Test
    void gcPausesAndTunerDecisionsAreMarkedOnTheTimeAxisOfEveryChart() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> section = obj(list(Reports.json(w.first.toString()), "recordings").getFirst());
        long gcs = num(section, "jdk", "gc", "count");
        assertTrue(gcs >= w.gcCalls);
        assertEquals(gcs, list(section, "jdk", "gc", "pauses").size());
        String html = html(w.first.toString());
        for (String title : List.of("Allocation rate", "Fast-path ratio", "Waives", "Pages in flight",
                "Thread cache capacity", "Memory mapped")) {
            String svg = Svg.charts(html, title).getFirst();
            assertEquals(gcs, count(svg, "<rect class=\"gc-pause\""), title);
            assertEquals(2, count(svg, "<path class=\"tuner-decision\""), title);
            assertTrue(svg.contains("cacheCapacity (cache " + w.rxCacheIdOfMain + ") 16 -&gt; 32: "
                    + ReportWorkload.CACHE_REASON), "the decision's tooltip: " + title);
            assertTrue(svg.contains(Units.plural(gcs, "GC pause")) && svg.contains("2 tuner decisions"), title);
        }
    }

    @Test
    void waivesAndPagesInFlightHaveChartsOfTheirOwn() throws IOException {
        TruthWorkload w = TruthWorkload.get();
        Map<String, Object> large = pool(w.file.toString(), w.large);
        double waivesPeak = list(large, "series", "waiveRate").stream().mapToDouble(p -> dbl(p, "max")).max()
                .orElseThrow();
        assertTrue(waivesPeak > 0 && w.largeStats.waiveBudget() > 0, "the class was waived at its budget");
        double inflightPeak = list(pool(w.file.toString(), w.burst), "series", "inflightPages").stream()
                .mapToDouble(p -> dbl(p, "max")).max().orElseThrow();
        assertTrue(inflightPeak >= TruthWorkload.BURST_PAGES, "the burst held its pages: " + inflightPeak);
        String html = html(w.file.toString());
        List<Double> waives = Svg.ys(path(Svg.charts(html, "Waives").getFirst(), w.large));
        assertTrue(waives.stream().distinct().count() > 1, "the waives rise above zero: " + waives);
        List<Double> inflight = Svg.ys(path(Svg.charts(html, "Pages in flight").getFirst(), w.burst));
        assertTrue(inflight.stream().distinct().count() > 1, "pages in flight rise: " + inflight);
    }

    @Test
    void aPageOfSeveralRecordingsHasATableOfContentsAndOneRecordingNone() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        String two = html(w.first.toString(), w.second.toString());
        int nav = two.indexOf("<nav class=\"toc\">");
        assertTrue(nav > 0, "a table of contents");
        String toc = two.substring(nav, two.indexOf("</nav>", nav));
        for (String part : List.of("Recording " + w.first, "Recording " + w.second, "Combined view of 2 recordings")) {
            int at = toc.indexOf(">" + HtmlRenderer.escape(part) + "</a>");
            assertTrue(at > 0, part + " in " + toc);
            String href = toc.substring(toc.lastIndexOf("href=\"#", at) + 7, toc.indexOf('"', toc.lastIndexOf(
                    "href=\"#", at) + 7));
            assertTrue(two.contains("<h2 id=\"" + href + "\">" + HtmlRenderer.escape(part) + "</h2>"), part);
        }
        assertEquals(3, count(toc, ">Charts</a>"));
        assertFalse(html(w.first.toString()).contains("<nav class=\"toc\">"), "one recording: no contents");
    }

    @Test
    void theTunerTimelineKeepsEachDecisionOnOneLine() throws IOException {
        String html = html(ReportWorkload.get().first.toString());
        int table = html.indexOf("<div class=\"wide\"><table class=\"wide\">");
        assertTrue(table > 0, "a table that does not wrap");
        String tuner = html.substring(table, html.indexOf("</table>", table));
        assertTrue(tuner.contains(ReportWorkload.CACHE_REASON) && tuner.contains("16 -&gt; 32"), tuner);
        assertTrue(html.contains("table.wide td, table.wide th { white-space: nowrap; }"));
    }
}
