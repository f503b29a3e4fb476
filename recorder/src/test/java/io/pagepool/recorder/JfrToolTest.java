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
package io.pagepool.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.testkit.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The running JDK's {@code jfr} tool, run as a process, reads the workload's recording. */
@Timeout(120)
class JfrToolTest {
    @TempDir
    Path tmp;

    private Processes.Result jfr(String name, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Processes.jdkTool("jfr"));
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(command, tmp, name, Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    @Test
    void summaryListsEveryPagepoolEventWithItsCount() throws Exception {
        RecordedWorkload w = RecordedWorkload.get();
        String out = jfr("summary", "summary", w.file.toString()).stdout();
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*(io\\.pagepool\\.\\w+)\\s+(\\d+)\\s+\\d+\\s*$").matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        for (String trigger : List.of(ChunkBoundaries.CHUNK_END, ChunkBoundaries.CHUNK_BEGIN)) {
            assertEquals(0L, counts.remove(trigger), trigger + " is in the metadata and never recorded: " + out);
        }
        Map<String, Long> expected = new HashMap<>();
        TestRecordings.readAll(w.file).stream().map(e -> e.getEventType().getName())
                .filter(n -> n.startsWith("io.pagepool.")).forEach(n -> expected.merge(n, 1L, Long::sum));
        assertEquals(expected, counts, out);
        assertEquals(EventNames.ALL.size(), counts.size(), out);
    }

    @Test
    void printShowsPoolStatisticsWithUnitsAndTheRightSums() throws Exception {
        RecordedWorkload w = RecordedWorkload.get();
        String out = jfr("print", "print", "--events", EventNames.POOL_STATISTICS, w.file.toString()).stdout();
        long allocFast = 0;
        int events = 0;
        for (String block : out.split("(?m)^" + Pattern.quote(EventNames.POOL_STATISTICS) + " \\{")) {
            if (!block.contains("poolName = \"" + w.poolName + "\"")) {
                continue;
            }
            events++;
            Matcher fast = Pattern.compile("(?m)^\\s*allocFast = (\\d+)$").matcher(block);
            assertTrue(fast.find(), block);
            allocFast += Long.parseLong(fast.group(1));
            assertTrue(block.contains("maxMemory = 256.0 kB"), block);
            assertTrue(block.contains("pageSize = 4.0 kB"), block);
            assertTrue(Pattern.compile("(?m)^\\s*fastPathRatio = [\\d.]+%$").matcher(block).find(), block);
            assertTrue(Pattern.compile("(?m)^\\s*interval = \\d+(\\.\\d+)? ms$").matcher(block).find(), block);
        }
        assertTrue(events >= 5, out);
        assertEquals(w.expected.allocFast(), allocFast);
    }

    @Test
    void viewShowsTheEventTypeByItsLabel() throws Exception {
        RecordedWorkload w = RecordedWorkload.get();
        String out = jfr("view", "view", "--width", "250", EventNames.WAIVE, w.file.toString()).stdout();
        assertTrue(out.contains("Page Pool Waive"), out);
        assertTrue(out.contains("budget") && out.contains("size"), out);
    }
}
