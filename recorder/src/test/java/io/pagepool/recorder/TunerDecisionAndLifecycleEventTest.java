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

import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** {@code io.pagepool.TunerDecision} and {@code io.pagepool.PoolLifecycle} from the workload. */
class TunerDecisionAndLifecycleEventTest {

    @Test
    void theTunerDecisionCarriesEveryValueItWasGiven() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.TUNER_DECISION, w.poolName);
        assertEquals(1, events.size());
        RecordedEvent e = events.getFirst();
        assertEquals("cacheCapacity", e.getString("parameter"));
        assertEquals(w.mainCache.cacheId(), e.getLong("cacheId"));
        assertEquals(16, e.getLong("before"));
        assertEquals(24, e.getLong("after"));
        assertEquals("overflow followed by underflow", e.getString("reason"));
        assertEquals("underflows=3, overflows=2", e.getString("signals"));
    }

    @Test
    void theLifecycleIsCreatedThenCloseStalledThenClosed() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.POOL_LIFECYCLE, w.poolName);
        assertEquals(List.of("created", "closeStalled", "closed"),
                events.stream().map(e -> e.getString("action")).toList());
        RecordedEvent created = events.get(0);
        assertTrue(created.getString("detail").contains("pageSize=4096, mapping=PREFAULT, maxMemoryBytes=262144"),
                created::toString);
        assertTrue(created.getString("detail").contains("fastPathSampleInterval=1"), created::toString);
        assertTrue(created.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(RecordedWorkload.class.getName())),
                "created's stack shows who registered the pool");
        RecordedEvent stalled = events.get(1);
        assertEquals(1, stalled.getLong("inflightPages"), "the leaked page");
        assertTrue(stalled.getLong("closeAge") >= 1_000_000_000L, "first report after 1 s: " + stalled);
        RecordedEvent closed = events.get(2);
        assertTrue(closed.getLong("closeAge") >= stalled.getLong("closeAge"), closed::toString);
        assertEquals(0, closed.getLong("inflightPages"));
    }
}
