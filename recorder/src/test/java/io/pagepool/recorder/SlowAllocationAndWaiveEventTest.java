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

import io.pagepool.pool.PoolStats;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** {@code io.pagepool.SlowAllocation} per slab mapped, {@code io.pagepool.Waive} per waive. */
class SlowAllocationAndWaiveEventTest {

    @Test
    void oneSlowAllocationPerSlabMappedWithItsMapTime() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.SLOW_ALLOCATION, w.poolName);
        assertEquals(w.expected.slabsMapped(), events.size());
        for (RecordedEvent e : events) {
            assertEquals(RecordedWorkload.SLAB_BYTES, e.getLong("slabBytes"));
            assertEquals("PREFAULT", e.getString("mapping"));
            assertTrue(e.getLong("mapTime") > 0, "pre-faulting 16 pages takes time: " + e);
            assertTrue(e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty());
        }
    }

    @Test
    void oneWaivePerWaivedAllocationWithItsReason() {
        RecordedWorkload w = RecordedWorkload.get();
        PoolStats s = w.expected;
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.WAIVE, w.poolName);
        assertEquals(s.allocWaive(), events.size());
        Map<String, Long> byReason = events.stream().collect(Collectors.groupingBy(e -> e.getString("reason"),
                Collectors.counting()));
        assertEquals(Map.of("budget", s.waiveBudget(), "size", s.waiveSize()), byReason);
        assertEquals(w.budgetWaives, s.waiveBudget());
        assertTrue(events.stream().anyMatch(e -> e.getString("reason").equals("size")
                && e.getLong("requestedBytes") == 100_000));
        assertTrue(events.stream().anyMatch(e -> e.getString("reason").equals("budget")
                && e.getLong("requestedBytes") == 100), "tryAllocBuffer(100) at the budget");
    }
}
