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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** {@code io.pagepool.LeakSuspect}: a sampled lease held past the threshold, and a reclaimed one. */
class LeakSuspectEventTest {

    @Test
    void theLeakedLeaseIsReportedOnceWithItsAllocationStack() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> held = TestRecordings.events(w.file, EventNames.LEAK_SUSPECT, w.poolName).stream()
                .filter(e -> e.getString("kind").equals("held")).toList();
        assertEquals(1, held.size(), "only the leaked page was held past the threshold, reported once: " + held);
        RecordedEvent e = held.getFirst();
        assertEquals(w.leakedAddress, e.getLong("pageAddress"));
        assertEquals(w.leakedGeneration, e.getLong("leaseGeneration"));
        assertEquals(1, e.getLong("refCount"));
        assertEquals(4096, e.getLong("requestedBytes"));
        assertEquals(w.mainCache.threadName(), e.getString("allocatingThread"), "the thread that ran the workload");
        assertTrue(e.getLong("age") >= RecordedWorkload.LEAK_THRESHOLD.toNanos(), e::toString);
        assertTrue(e.getLong("age") < Duration.ofSeconds(5).toNanos(), e::toString);
        String stack = e.getString("allocationStack");
        assertTrue(stack.startsWith("\tat " + RecordedWorkload.class.getName() + ".leakOnePage("), stack);
        assertTrue(stack.contains(RecordedWorkload.class.getName() + ".run("), stack);
    }

    @Test
    void aReclaimedLeaseIsReportedAsTheAgentDescribesIt() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> reclaimed = TestRecordings.events(w.file, EventNames.LEAK_SUSPECT, w.poolName).stream()
                .filter(e -> e.getString("kind").equals("reclaimedWithoutRelease")).toList();
        assertEquals(1, reclaimed.size());
        RecordedEvent e = reclaimed.getFirst();
        assertEquals(RecordedWorkload.RECLAIMED_AGE_NANOS, e.getLong("age"));
        assertEquals(RecordedWorkload.RECLAIMED_STACK, e.getString("allocationStack"));
        assertEquals(2048, e.getLong("requestedBytes"));
    }

    @Test
    void aNonPositiveThresholdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LeakDetector.setThreshold(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LeakDetector.setThreshold(Duration.ofSeconds(-1)));
    }

    @Test
    void captureStackStartsAtTheCaller() {
        String stack = LeakDetector.captureStack();
        assertTrue(stack.startsWith("\tat " + LeakSuspectEventTest.class.getName() + ".captureStackStartsAtTheCaller("),
                stack);
    }
}
