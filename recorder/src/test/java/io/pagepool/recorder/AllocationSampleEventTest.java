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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code io.pagepool.AllocationSample}: one per sampled allocation, the application's stack, throttled. */
class AllocationSampleEventTest {
    @TempDir
    Path tmp;

    @Test
    void atIntervalOneEveryAllocationIsSampledWithThePathThatServedIt() {
        RecordedWorkload w = RecordedWorkload.get();
        PoolStats s = w.expected;
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.ALLOCATION_SAMPLE, w.poolName);
        Map<String, Long> byPath = events.stream().collect(Collectors.groupingBy(e -> e.getString("path"),
                Collectors.counting()));
        assertEquals(s.allocFast(), byPath.getOrDefault("fast", 0L), byPath::toString);
        assertEquals(s.allocRefill(), byPath.getOrDefault("refill", 0L), byPath::toString);
        assertEquals(s.allocSlow(), byPath.getOrDefault("slow", 0L), byPath::toString);
        assertEquals(s.allocWaive(), byPath.getOrDefault("waive", 0L), byPath::toString);
        assertEquals(s.allocPages() + s.allocWaive(), events.size());
        assertEquals(RecordedWorkload.FAST_LOOPS,
                events.stream().filter(e -> e.getLong("requestedBytes") == 1500).count(),
                "allocBuffer(1500) reports the 1500 bytes asked for");
        assertTrue(events.stream().allMatch(e -> e.getLong("pageSize") == 4096));
    }

    @Test
    void theStackTraceLeadsToTheApplicationsCallSite() throws Exception {
        Path file = tmp.resolve("stack.jfr");
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name("stack-" + System.nanoTime()).build(), 1);
             Recording recording = new Recording()) {
            recording.enable(EventNames.ALLOCATION_SAMPLE).withStackTrace().with("throttle", "off");
            recording.start();
            applicationAllocates(pool);
            recording.stop();
            recording.dump(file);
            PoolRecorder.unregister(pool);

            List<RecordedEvent> events = TestRecordings.events(file, EventNames.ALLOCATION_SAMPLE, pool.name());
            assertEquals(2, events.size(), "first slow, then fast: both sampled");
            for (RecordedEvent e : events) {
                assertNotNull(e.getStackTrace(), "stack trace on");
                RecordedFrame caller = e.getStackTrace().getFrames().stream()
                        .filter(f -> !f.getMethod().getType().getName().startsWith("io.pagepool.pool.")
                                && !f.getMethod().getType().getName().equals(EventSampler.class.getName()))
                        .findFirst().orElseThrow();
                assertEquals(AllocationSampleEventTest.class.getName(), caller.getMethod().getType().getName());
                assertEquals("applicationAllocates", caller.getMethod().getName());
            }
        }
    }

    private static void applicationAllocates(PagePool pool) {
        pool.alloc().release();
        pool.alloc().release();
    }

    @Test
    void theDefaultThrottleBoundsTheRateAtAboutAHundredASecond() throws Exception {
        Path file = tmp.resolve("throttle.jfr");
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name("throttle-" + System.nanoTime()).build(), 1);
             Recording recording = new Recording()) {
            recording.enable(EventNames.ALLOCATION_SAMPLE); // the event's own @Throttle("100/s")
            recording.start();
            long start = System.nanoTime();
            long allocations = 0;
            while (System.nanoTime() - start < 1_000_000_000L) {
                for (int i = 0; i < 1000; i++) {
                    pool.alloc().release();
                }
                allocations += 1000;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            recording.stop();
            recording.dump(file);
            PoolRecorder.unregister(pool);

            long events = TestRecordings.events(file, EventNames.ALLOCATION_SAMPLE, pool.name()).size();
            assertTrue(allocations > 10_000, "enough allocations to need throttling: " + allocations);
            assertTrue(events >= 20 && events <= 100 * seconds * 2 + 40,
                    events + " samples of " + allocations + " allocations in " + seconds + " s at 100/s");
        }
        assertTrue(Files.size(file) > 0);
    }
}
