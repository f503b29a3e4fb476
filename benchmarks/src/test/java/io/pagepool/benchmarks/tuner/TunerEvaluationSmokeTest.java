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
package io.pagepool.benchmarks.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the tuner evaluation with tiny phases and checks its output: a table per phase with a row
 * per configuration, and a goal line per phase. It asserts no result: the goal is measured by
 * {@code ./pagepool bench tuner}, never in a unit test.
 */
class TunerEvaluationSmokeTest {

    @Test
    void everyPhaseHasARowPerConfigurationAndAGoalLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<GoalCheck> checks;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            checks = TunerEvaluation.run(Duration.ofMillis(120), out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Phase.values().length, checks.size());
        for (Phase phase : Phase.values()) {
            int start = text.indexOf("== " + phase.label + " ==");
            assertTrue(start >= 0, "table for " + phase.label + ":\n" + text);
            int end = text.indexOf("goal ", start);
            assertTrue(end > start, text);
            String table = text.substring(start, end);
            for (Configuration c : TunerEvaluation.configurations()) {
                assertEquals(1, table.lines().filter(l -> l.startsWith(c.name() + " ")).count(),
                        c.name() + " in " + phase.label + ":\n" + table);
            }
        }
        assertTrue(text.contains("summary: the goal holds in "), text);
    }
}
