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
package io.pagepool.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ResultTable} on a small hand-written JMH JSON: baselines, group B/op, checks. */
class ResultTableTest {
    private static String run(String benchmark, String params, double score, String secondary) {
        return """
                {"benchmark": "io.pagepool.benchmarks.%s", "mode": "avgt", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": 0.1, "scoreUnit": "ns/op",
                                   "rawData": [[%s, %s]]},
                 "secondaryMetrics": {%s}}
                """.formatted(benchmark, params, score, score, score, secondary);
    }

    private static String metric(String name, double score) {
        return "\"%s\": {\"score\": %s, \"scoreError\": 0.0, \"scoreUnit\": \"ns/op\", \"rawData\": [[%s, %s]]}"
                .formatted(name, score, score, score);
    }

    private static final String JSON = "[" + String.join(",",
            run("RingPathBenchmark.ring", "", 30, String.join(",", metric("alloc", 20), metric("release", 40),
                    metric("\u00b7gc.alloc.rate.norm", 0.25))),
            run("RingPathBenchmark.handoff", "", 8, String.join(",", metric("produce", 10), metric("consume", 6),
                    metric("\u00b7gc.alloc.rate.norm", 0.0001))),
            run("ContendedReturnBenchmark.returners4", "", 100, String.join(",", metric("alloc4", 300),
                    metric("release4", 50), metric("\u00b7gc.alloc.rate.norm", 3))),
            run("FastPathBenchmark.none", "\"pageSize\": \"2048\"", 4, metric("\u00b7gc.alloc.rate.norm", 3)),
            run("RecorderOverheadBenchmark.allocWriteRelease", "\"mode\": \"none\"", 10, ""),
            run("RecorderOverheadBenchmark.allocWriteRelease", "\"mode\": \"registered\"", 10.1, ""),
            run("RecorderOverheadBenchmark.allocWriteRelease", "\"mode\": \"jfc\"", 11, "")) + "]";

    private static ResultTable.Row row(ResultTable table, String method, String mode) {
        return table.rows().stream()
                .filter(r -> r.method().equals(method) && (mode == null || mode.equals(r.params().get("mode"))))
                .findFirst().orElseThrow();
    }

    @Test
    void groupsShowTheProducersScoreAndBytesPerPage() {
        ResultTable table = ResultTable.parse(JSON);
        ResultTable.Row ring = row(table, "ring", null);
        assertEquals(20, ring.score(), "the allocating thread's score");
        assertEquals(0.25 * ResultTable.GROUP_COUNTING_SIDES, ring.bytesPerOp(), 1e-12,
                "JMH's B/op counts the ops of both sides: per page it is twice that");
        assertEquals(2, ResultTable.GROUP_COUNTING_SIDES);
        assertEquals(300, row(table, "returners4", null).score());
        assertEquals(6, row(table, "returners4", null).bytesPerOp(), 1e-12);
        assertEquals(3, row(table, "none", null).bytesPerOp(), 1e-12, "a single-thread benchmark's B/op as is");
    }

    @Test
    void aBaselineCanBeOneValueOfAParameter() {
        ResultTable table = ResultTable.parse(JSON);
        ResultTable.Row none = row(table, "allocWriteRelease", "none");
        assertSame(none, table.baselineOf(row(table, "allocWriteRelease", "jfc")));
        assertSame(none, table.baselineOf(none));
        assertSame(row(table, "handoff", null), table.baselineOf(row(table, "ring", null)));
        assertNull(table.baselineOf(row(table, "returners4", null)), "ContendedReturn has no in-run baseline");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        table.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RecorderOverhead.allocWriteRelease  mode=jfc")
                && l.contains("1.10x")), "the jfc row's ratio to mode=none:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RecorderOverhead.allocWriteRelease  mode=none")
                && l.contains("baseline")), String.join("\n", lines));
    }

    @Test
    void recorderChecksUseTheParameterBaseline() {
        List<ResultTable.Check> checks = ResultTable.parse(JSON).checks();
        ResultTable.Check jfc = checks.stream().filter(c -> c.what().equals("RecorderOverhead jfc / none - 1"))
                .findFirst().orElseThrow();
        assertEquals("+10.0 %", jfc.measured());
        assertEquals("<= 5 %", jfc.target());
        assertEquals(Boolean.FALSE, jfc.met());
        ResultTable.Check registered = checks.stream()
                .filter(c -> c.what().equals("RecorderOverhead registered / none - 1")).findFirst().orElseThrow();
        assertEquals("+1.0 %", registered.measured());
        assertEquals("~0 %", registered.target());
        assertNull(registered.met());
        assertTrue(checks.stream().noneMatch(c -> c.what().startsWith("RecorderOverhead defaultAndJfc")));
        ResultTable.Check ringBytes = checks.stream().filter(c -> c.what().equals("RingPath ring B/op"))
                .findFirst().orElseThrow();
        assertEquals("0.500", ringBytes.measured());
        assertEquals(Boolean.FALSE, ringBytes.met(), "0.25 B per op of either side is 0.5 B per page");
    }

    @Test
    void aQuickRunSaysItDoesNotJudgeTheTargets() {
        ResultTable table = ResultTable.parse(JSON);
        List<String> full = printed(table, false);
        assertTrue(full.stream().anyMatch(l -> l.startsWith("RecorderOverhead jfc / none - 1") && l.endsWith("MISSED")),
                String.join("\n", full));
        assertTrue(full.stream().noneMatch(l -> l.contains(ResultTable.NOT_JUDGED)), String.join("\n", full));

        List<String> quick = printed(table, true);
        assertEquals(ResultTable.QUICK_NOTE, quick.get(0), "one plain line before the table");
        assertTrue(quick.get(0).contains("does not judge the targets") && quick.get(0).contains("30 %"));
        assertTrue(quick.stream().noneMatch(l -> l.contains("MISSED") || l.endsWith(" met")),
                String.join("\n", quick));
        assertTrue(quick.stream().anyMatch(l -> l.startsWith("RecorderOverhead jfc / none - 1")
                && l.endsWith("not judged (--quick)")), String.join("\n", quick));
        assertTrue(quick.stream().anyMatch(l -> l.startsWith("RecorderOverhead registered / none - 1")
                && !l.contains("not judged")), "information rows stay as they are:\n" + String.join("\n", quick));
    }

    private static List<String> printed(ResultTable table, boolean quick) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.print(new PrintStream(out, true, StandardCharsets.UTF_8), quick);
        return out.toString(StandardCharsets.UTF_8).lines().map(String::stripTrailing).toList();
    }
}
