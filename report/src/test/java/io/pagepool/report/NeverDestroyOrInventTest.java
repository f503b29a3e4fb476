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

import static io.pagepool.report.MiniJson.list;
import static io.pagepool.report.MiniJson.num;
import static io.pagepool.report.MiniJson.obj;
import static io.pagepool.report.MiniJson.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report never destroys a recording (an output that is one of its inputs is refused) and
 * never invents: thread caches of different recordings stay apart in the combined view, and a
 * chart draws no line across a time without data.
 */
class NeverDestroyOrInventTest {
    @TempDir
    Path dir;

    private void assertRefused(Path input, Path output) throws IOException {
        byte[] before = Files.readAllBytes(input);
        Reports r = Reports.run(input.toString(), "--quiet", "--output", output.toString());
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("pagepool report: " + output + ": is a recording this report reads"), r.err());
        assertArrayEquals(before, Files.readAllBytes(input), "the recording is untouched");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedByAnySpelling() throws IOException {
        Path rec = Files.copy(ReportWorkload.get().first, dir.resolve("rec.jfr"));
        assertRefused(rec, rec);
        Files.createDirectory(dir.resolve("sub"));
        assertRefused(rec, dir.resolve("sub").resolve("..").resolve("rec.jfr"));
        assertRefused(rec, Files.createSymbolicLink(dir.resolve("link.jfr"), rec));
        assertRefused(rec, Files.createLink(dir.resolve("hard.jfr"), rec));
        Path other = dir.resolve("report.txt");
        Reports ok = Reports.run(rec.toString(), "--quiet", "--output", other.toString());
        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(Files.readString(other).startsWith("pagepool report"), "another output is written");
    }

    /** pool, cache id, thread, hits, underflows, overflows of each cache. */
    private static List<List<Object>> caches(Object section) {
        List<List<Object>> out = new ArrayList<>();
        for (Object c : list(section, "caches")) {
            Map<String, Object> m = obj(c);
            out.add(List.of(str(m, "pool"), num(m, "cacheId"), String.valueOf(m.get("thread")), num(m, "hits"),
                    num(m, "underflows"), num(m, "overflows")));
        }
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    @Test
    void theCombinedViewKeepsEachRecordingsThreadCaches() {
        ReportWorkload w = ReportWorkload.get();
        Object root = Reports.json(w.first.toString(), w.second.toString());
        List<List<Object>> parts = new ArrayList<>();
        for (Object r : list(root, "recordings")) {
            parts.addAll(caches(r));
        }
        parts.sort(Comparator.comparing(Object::toString));
        assertEquals(parts, caches(obj(root, "combined")), "each recording's caches as they are, none merged");
    }

    private static TimeSeries.Point at(double seconds, double value) {
        return new TimeSeries.Point((long) (seconds * 1e9), value, value, value);
    }

    @Test
    void aChartBreaksItsLineWhereDataIsMissing() {
        List<TimeSeries.Point> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(at(i, 100 + i)); // every second for 10 s
        }
        for (int i = 0; i < 5; i++) {
            points.add(at(60 + i, 50)); // then nothing for 50 s, then 5 s again
        }
        points.add(at(90, 70)); // one lone point after another gap
        Doc.Chart chart = new Doc.Chart("gap", "Allocation rate", Doc.Unit.RATE, Doc.Scale.LINEAR, 0,
                90_000_000_000L, List.of(new Doc.Line("rx", points)), List.of());
        String svg = SvgChart.render(chart);
        assertEquals(1, count(svg, "<path class=\"series"), svg);
        assertEquals(3, count(seriesPath(svg), "M"), "two lines and the lone point, each starting with a move-to: "
                + svg);
        List<TimeSeries.Point> steady = points.subList(0, 10);
        String one = SvgChart.render(new Doc.Chart("steady", "Allocation rate", Doc.Unit.RATE, Doc.Scale.LINEAR, 0,
                10_000_000_000L, List.of(new Doc.Line("rx", steady)), List.of()));
        assertEquals(1, count(seriesPath(one), "M"), "no gap, one line");
    }

    /** The d attribute of the first series path of {@code svg}. */
    static String seriesPath(String svg) {
        int at = svg.indexOf("<path class=\"series");
        int d = svg.indexOf(" d=\"", at) + 4;
        return svg.substring(d, svg.indexOf('"', d));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
