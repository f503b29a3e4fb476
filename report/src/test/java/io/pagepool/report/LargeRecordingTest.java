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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.recorder.EventNames;
import io.pagepool.recorder.PoolRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of a couple of hundred thousand events (every allocation sampled, with its stack)
 * reported by a forked JVM whose heap could not hold those events: the report streams.
 * ({@code RecordingFile.readAllEvents} on the same file with {@value #HEAP} fails with
 * OutOfMemoryError: checked by hand when this test was written.)
 */
class LargeRecordingTest {
    static final int ALLOCATIONS = 150_000;
    static final String HEAP = "-Xmx24m";

    @TempDir
    Path dir;

    @Test
    void aRecordingLargerThanTheHeapIsReportedEventByEvent() throws Exception {
        Path file = dir.resolve("large.jfr");
        Map<String, String> settings = ReportWorkload.settings();
        settings.put(EventNames.ALLOCATION_SAMPLE + "#throttle", "off");
        settings.put(EventNames.ALLOCATION_SAMPLE + "#enabled", "true");
        settings.put(EventNames.LEAK_SUSPECT + "#enabled", "false");
        String name = "large-" + Long.toString(System.nanoTime(), 36);
        PoolStats expected;
        try (Recording recording = new Recording(settings)) {
            recording.start();
            PagePool pool = PoolRecorder.register(PagePool.builder().name(name).slabBytes(64 << 10)
                    .listener(PoolRecorder.listener()).warnings(line -> { }).build(), 1); // every allocation sampled
            Thread.sleep(2 * ReportWorkload.PERIOD.toMillis());
            for (int i = 0; i < ALLOCATIONS; i++) {
                pool.alloc().release();
            }
            PoolRecorder.unregister(pool);
            expected = pool.stats();
            pool.close();
            recording.stop();
            recording.dump(file);
        }
        Path json = dir.resolve("large.json");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ReportCommand.class.getName(), file.toString(), "--format", "json", "--output", json.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("fork.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the forked report finished");
        String log = Files.readString(dir.resolve("fork.log"));
        assertEquals(0, p.exitValue(), log);

        Object root = MiniJson.parse(Files.readString(json));
        Map<String, Object> section = MiniJson.obj(MiniJson.list(root, "recordings").getFirst());
        long samples = MiniJson.obj(section, "allocationSamples").values().stream()
                .mapToLong(v -> Math.round((Double) v)).sum();
        assertTrue(samples >= ALLOCATIONS, "every allocation was sampled: " + samples);
        assertTrue(MiniJson.num(section, "events") > ALLOCATIONS);
        long fileBytes = Files.size(file);
        assertTrue(fileBytes > 4L << 20, "a recording of some size: " + fileBytes);
        List<Object> pools = MiniJson.list(section, "pools");
        Map<String, Object> pool = pools.stream().map(x -> MiniJson.obj(x)).filter(x -> name.equals(x.get("name")))
                .findFirst().orElseThrow();
        assertEquals(expected.allocPages(), MiniJson.num(pool, "allocations", "pages"));
        assertEquals(expected.allocFast(), MiniJson.num(pool, "allocations", "fast"));
        assertTrue(log.isEmpty() || log.lines().allMatch(l -> l.startsWith("pagepool report: read")),
                "stderr holds progress lines only: " + log);
    }
}
