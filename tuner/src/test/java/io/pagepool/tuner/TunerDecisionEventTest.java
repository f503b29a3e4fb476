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
package io.pagepool.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.testkit.LineLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every decision is an {@code io.pagepool.TunerDecision} event, read back from a real recording. */
class TunerDecisionEventTest {

    @Test
    void shouldCommitOneTunerDecisionEventPerDecisionWithBeforeAfterAndReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuner.jfr");
        LineLog log = new LineLog();
        String poolName;
        int decisions;
        try (Recording recording = new Recording()) {
            recording.enable("io.pagepool.TunerDecision");
            recording.start();
            try (PagePool pool = Pools.small().cacheCapacity(32).refillBatch(16).build();
                 Worker w = new Worker(pool, "recorded")) {
                poolName = pool.name();
                Tuner tuner = Tuner.manual(pool, Pools.quick(log));
                tuner.step();
                for (int i = 0; i < 4; i++) {
                    w.rounds(10, 100);
                    tuner.step();
                }
                decisions = tuner.decisions();
            }
            recording.stop();
            recording.dump(file);
        }
        assertTrue(Files.size(file) > 0);
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.pagepool.TunerDecision"))
                .filter(e -> poolName.equals(e.getString("poolName")))
                .toList();
        assertTrue(decisions > 0);
        assertEquals(decisions, events.size(), log.lines()::toString);
        assertEquals(decisions, log.lines().size(), "one log line per decision");
        RecordedEvent grow = events.stream()
                .filter(e -> e.getString("reason").equals("overflow followed by underflow")).findFirst()
                .orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals("cacheCapacity", grow.getString("parameter"));
        assertEquals(grow.getLong("before") + 16, grow.getLong("after"));
        assertTrue(grow.getLong("cacheId") >= 0);
        assertTrue(grow.getString("signals").contains("underflows="), grow::toString);
        assertFalse(grow.getString("signals").isBlank());
    }
}
