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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the suite once, very briefly, in this JVM (no fork, no warm-up, one
 * 100 ms measurement, no profiler), checks that each one produced a score and that
 * {@link ResultTable} reads JMH's JSON of the run and prints every check. It asserts no
 * timing: performance is measured by {@code ./pagepool bench}, never in a unit test.
 */
class BenchmarkSuiteSmokeTest {
    private static final List<Class<?>> SUITE = List.of(FastPathBenchmark.class, RingPathBenchmark.class,
            BulkBenchmark.class, SlowPathBenchmark.class, ContendedReturnBenchmark.class,
            StatsOverheadBenchmark.class, RecorderOverheadBenchmark.class, AgentPathBenchmark.class);

    @Test
    void everyBenchmarkRunsAndProducesAScoreThatTheTableReads(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        Options options = new OptionsBuilder()
                .include(SUITE.stream().map(c -> "^" + c.getName().replace(".", "\\.") + "\\.")
                        .reduce((a, b) -> a + "|" + b).orElseThrow())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("pageSize", "2048")
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : results) {
            String key = result.getParams().getBenchmark() + paramsOf(result);
            scores.put(key, result.getPrimaryResult().getScore());
        }
        Set<String> ran = new TreeSet<>();
        scores.forEach((key, score) -> {
            assertFalse(Double.isNaN(score) || score <= 0, key + " scored " + score);
            ran.add(key.replaceFirst(" .*", ""));
        });
        assertEquals(expectedBenchmarks(), ran, "benchmarks that produced a result");
        assertTrue(scores.keySet().stream().filter(k -> k.contains("SlowPathBenchmark.mapFresh")).count() == 4,
                "one mapFresh result per mapping mode: " + scores.keySet());

        ResultTable table = ResultTable.read(json);
        assertEquals(results.size(), table.rows().size(), "rows the table read from JMH's JSON");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        table.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        for (String check : List.of("FastPath pool / none", "RingPath ring: ns per page",
                "StatsOverhead statsOn / statsOff", "Bulk single / bulk", "SlowPath mapFresh / recycled",
                "ContendedReturn 4 releasers")) {
            assertTrue(text.contains(check), "the table shows '" + check + "':\n" + text);
        }
    }

    private static String paramsOf(RunResult result) {
        StringBuilder out = new StringBuilder();
        for (String key : result.getParams().getParamsKeys()) {
            out.append(' ').append(key).append('=').append(result.getParams().getParam(key));
        }
        return out.toString();
    }

    /** Every {@code @Benchmark} method of the suite, named as JMH names it (a group by its group). */
    private static Set<String> expectedBenchmarks() {
        Set<String> names = new TreeSet<>();
        for (Class<?> benchmarkClass : SUITE) {
            for (Method method : benchmarkClass.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    Group group = method.getAnnotation(Group.class);
                    names.add(benchmarkClass.getName() + "." + (group != null ? group.value() : method.getName()));
                }
            }
        }
        return names;
    }
}
