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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.testkit.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * pagepool.jfc in real JVMs: {@code -XX:StartFlightRecording:settings=default,settings=pagepool.jfc}
 * records the pagepool events beside the JDK's, and {@code jfr configure} merges it or adds
 * pagepool settings with the {@code +} prefix. Each case forks {@link ForkedRecorderMain}.
 */
@Timeout(120)
class StartFlightRecordingTest {
    private static final String WORKLOAD_MILLIS = "300";

    @TempDir
    Path tmp;
    private Path jfc;

    @BeforeEach
    void extractJfc() throws Exception {
        jfc = Recorder.writeJfc(tmp.resolve("pagepool.jfc"));
    }

    private List<RecordedEvent> record(String name, String startFlightRecording) throws Exception {
        return record(name, startFlightRecording, 1);
    }

    /** Runs the workload in a JVM with the flag until the PoolStatistics hook ran {@code runs} times. */
    private List<RecordedEvent> record(String name, String startFlightRecording, int runs) throws Exception {
        Path file = tmp.resolve(name + ".jfr");
        Processes.Result result = Processes.run(Processes.java(
                List.of("-XX:StartFlightRecording:" + startFlightRecording + ",filename=" + file),
                ForkedRecorderMain.class.getName(), "workload", WORKLOAD_MILLIS, String.valueOf(runs)), tmp, name,
                Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result::toString);
        return TestRecordings.readAll(file);
    }

    private static Map<String, Long> countsByType(List<RecordedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
    }

    @Test
    void defaultPlusPagepoolJfcRecordsBothSetsOfEvents() throws Exception {
        Map<String, Long> counts = countsByType(record("both", "settings=default,settings=" + jfc, 2));
        assertTrue(counts.containsKey("jdk.CPULoad") && counts.containsKey("jdk.JVMInformation"), counts::toString);
        for (String name : List.of(EventNames.POOL_STATISTICS, EventNames.CACHE_STATISTICS,
                EventNames.ALLOCATION_SAMPLE, EventNames.SLOW_ALLOCATION, EventNames.POOL_LIFECYCLE)) {
            assertTrue(counts.getOrDefault(name, 0L) > 0, () -> name + " in " + counts);
        }
    }

    @Test
    void theJdksDefaultAloneLeavesTheStackCapturingEventsOff() throws Exception {
        Map<String, Long> counts = countsByType(record("default-only", "settings=default"));
        assertTrue(counts.getOrDefault(EventNames.POOL_STATISTICS, 0L) > 0, counts::toString);
        assertFalse(counts.containsKey(EventNames.ALLOCATION_SAMPLE), "AllocationSample needs pagepool.jfc");
    }

    @Test
    void jfrConfigureMergesPagepoolJfcWithTheJdksDefault() throws Exception {
        Path merged = tmp.resolve("merged.jfc");
        Processes.Result result = Processes.run(List.of(Processes.jdkTool("jfr"), "configure",
                "--input", "default.jfc," + jfc, "--output", merged.toString()), tmp, "merge", Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result::toString);
        Map<String, String> settings = Configuration.create(merged).getSettings();
        assertEquals("100/s", settings.get("io.pagepool.AllocationSample#throttle"));
        assertEquals("true", settings.get("jdk.GarbageCollection#enabled"));
    }

    @Test
    void jfrConfigureAddsPagepoolSettingsWithThePlusPrefixAndTheJvmHonoursThem() throws Exception {
        Path custom = tmp.resolve("custom.jfc");
        Processes.Result withoutPlus = Processes.run(List.of(Processes.jdkTool("jfr"), "configure", "--input",
                "default.jfc", "io.pagepool.AllocationSample#enabled=true", "--output", custom.toString()), tmp,
                "no-plus", Duration.ofSeconds(30));
        assertTrue(withoutPlus.exitCode() != 0 && withoutPlus.stderr().contains("io.pagepool.AllocationSample"),
                withoutPlus::toString);

        Processes.Result result = Processes.run(List.of(Processes.jdkTool("jfr"), "configure", "--input",
                "default.jfc", "+io.pagepool.AllocationSample#enabled=true",
                "+io.pagepool.AllocationSample#stackTrace=true", "+io.pagepool.PoolStatistics#period=200ms",
                "--output", custom.toString()), tmp, "plus", Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result::toString);

        List<RecordedEvent> events = record("custom", "settings=" + custom, 4);
        Map<String, Long> counts = countsByType(events);
        assertTrue(counts.containsKey("jdk.CPULoad"), counts::toString);
        RecordedEvent sample = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.ALLOCATION_SAMPLE)).findFirst()
                .orElseThrow(() -> new AssertionError("AllocationSample enabled with '+': " + counts));
        assertNotNull(sample.getStackTrace());
        List<Instant> stats = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.POOL_STATISTICS))
                .map(RecordedEvent::getStartTime).sorted().toList();
        assertTrue(stats.size() >= 4, "four runs of the hook: " + stats);
        for (int i = 1; i < stats.size(); i++) {
            long gapMillis = Duration.between(stats.get(i - 1), stats.get(i)).toMillis();
            assertTrue(gapMillis < 600, "200 ms apart, not the default 1 s: " + stats);
        }
    }
}
