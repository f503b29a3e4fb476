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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.testkit.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Recorder}: pagepool settings on the JDK's, limits, and the file written at stop, exit and SIGTERM. */
@Timeout(60)
class RecorderTest {
    @TempDir
    Path tmp;

    @Test
    void startMergesPagepoolJfcIntoTheJdksDefaultSettingsAndAppliesTheLimits() throws Exception {
        Path file = tmp.resolve("limits.jfr");
        try (Recording recording = Recorder.start(file, RecordingOptions.DEFAULTS.withMaxSizeBytes(32L << 20)
                .withMaxAge(Duration.ofHours(2)).withName("limits"))) {
            Map<String, String> settings = recording.getSettings();
            assertEquals("1 s", settings.get("io.pagepool.PoolStatistics#period"));
            assertEquals("true", settings.get("io.pagepool.AllocationSample#enabled"));
            assertEquals("100/s", settings.get("io.pagepool.AllocationSample#throttle"));
            assertEquals("true", settings.get("jdk.GarbageCollection#enabled"), "the JDK's default.jfc is in");
            assertEquals("true", settings.get("jdk.DirectBufferStatistics#enabled"));
            assertEquals(32L << 20, recording.getMaxSize());
            assertEquals(Duration.ofHours(2), recording.getMaxAge());
            assertTrue(recording.getDumpOnExit());
            assertTrue(recording.isToDisk());
            assertEquals(file.toAbsolutePath(), recording.getDestination().toAbsolutePath());
            assertEquals("limits", recording.getName());
            assertEquals(RecordingState.RUNNING, recording.getState());
        }
    }

    @Test
    void stoppingWritesTheFileWithPagepoolAndJdkEvents() throws Exception {
        Path file = tmp.resolve("stop.jfr");
        String name = "stop-" + System.nanoTime();
        try (Recording recording = Recorder.start(file);
             PagePool pool = PoolRecorder.register(PagePool.builder().name(name).listener(PoolRecorder.listener())
                     .build(), 16)) {
            for (int i = 0; i < 1000; i++) {
                pool.alloc().release();
            }
            PoolRecorder.unregister(pool); // its last statistics, with no wait for a period
            recording.stop();
        }
        List<RecordedEvent> events = TestRecordings.readAll(file);
        Set<String> types = events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("jdk.JVMInformation", "jdk.GCConfiguration")), types::toString);
        List<RecordedEvent> stats = TestRecordings.events(file, EventNames.POOL_STATISTICS, name);
        assertEquals(1000, TestRecordings.sum(stats, "allocPages"));
        assertFalse(TestRecordings.events(file, EventNames.ALLOCATION_SAMPLE, name).isEmpty());
        assertFalse(TestRecordings.events(file, EventNames.SLOW_ALLOCATION, name).isEmpty());
    }

    @Test
    void baseConfigurationNoneRecordsPagepoolSettingsOnly() throws Exception {
        try (Recording recording = Recorder.start(tmp.resolve("none.jfr"),
                RecordingOptions.DEFAULTS.withBaseConfiguration("none"))) {
            assertEquals(Recorder.settings(), recording.getSettings());
            assertTrue(recording.getSettings().keySet().stream().allMatch(k -> k.startsWith("io.pagepool.")));
        }
    }

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recorder.start(tmp.resolve("x.jfr"), RecordingOptions.DEFAULTS.withBaseConfiguration("fast")));
        assertTrue(e.getMessage().contains("'fast'"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> RecordingOptions.DEFAULTS.withMaxSizeBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> RecordingOptions.DEFAULTS.withMaxAge(Duration.ZERO));
    }

    @Test
    void theShippedJfcHoldsOnlyPagepoolEventsAndCanBeExtracted() throws Exception {
        Map<String, String> settings = Recorder.settings();
        Set<String> events = settings.keySet().stream().map(k -> k.substring(0, k.indexOf('#')))
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(EventNames.ALL), events);
        Path jfc = Recorder.writeJfc(tmp.resolve("pagepool.jfc"));
        assertEquals(settings, jdk.jfr.Configuration.create(jfc).getSettings());
        assertTrue(Files.readString(jfc).contains("settings=default,settings="));
    }

    @Test
    void aJvmThatExitsWritesTheRecording() throws Exception {
        Path file = tmp.resolve("exit.jfr");
        Processes.Result result = Processes.run(Processes.java(List.of(), ForkedRecorderMain.class.getName(),
                "record", file.toString(), "300"), tmp, "exit", Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(TestRecordings.events(file, EventNames.POOL_LIFECYCLE, ForkedRecorderMain.POOL_NAME).isEmpty(),
                result::toString);
        assertFalse(TestRecordings.events(file, EventNames.ALLOCATION_SAMPLE, ForkedRecorderMain.POOL_NAME).isEmpty());
    }

    @Test
    void aJvmKilledWithSigtermWritesTheRecording() throws Exception {
        Path file = tmp.resolve("sigterm.jfr");
        Process process = Processes.start(Processes.java(List.of(), ForkedRecorderMain.class.getName(),
                "record-and-wait", file.toString()), tmp, "sigterm");
        assertTrue(TestRecordings.await(Duration.ofSeconds(30),
                () -> readyOrDead(process)), "the forked JVM printed READY");
        assertTrue(process.isAlive(), () -> "the forked JVM died early: " + stdout());
        process.destroy(); // SIGTERM on Linux
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue(), "128 + SIGTERM");
        assertTrue(Files.size(file) > 0, "JFR's shutdown hook wrote the recording");
        List<RecordedEvent> stats = TestRecordings.events(file, EventNames.POOL_STATISTICS,
                ForkedRecorderMain.POOL_NAME);
        assertFalse(stats.isEmpty(), "a statistics period had passed before READY");
        assertTrue(TestRecordings.sum(stats, "allocPages") > 0);
    }

    private boolean readyOrDead(Process process) {
        return !process.isAlive() || stdout().contains("READY");
    }

    private String stdout() {
        try {
            return Processes.stdout(tmp, "sigterm");
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
