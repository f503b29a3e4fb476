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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.PagePool;
import io.pagepool.testkit.LineLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-cache capacity, driven step by step with real threads on real pools. */
class CacheSizingTest {

    @Test
    void shouldGrowACacheThatOverflowsThenUnderflowsByAWholeBatchUntilItStopsMissing() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().cacheCapacity(32).refillBatch(16).build();
             Worker w = new Worker(pool, "grower")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            w.rounds(1, 100);
            tuner.step(); // first reading
            int before = w.capacity();
            w.rounds(20, 100);
            tuner.step();
            assertEquals(before + pool.refillBatch(), w.capacity(), log.lines()::toString);
            assertTrue(log.any("overflow followed by underflow"), log.lines()::toString);
            for (int i = 0; i < 20; i++) {
                w.rounds(20, 100);
                tuner.step();
            }
            assertTrue(w.capacity() >= 100, "capacity " + w.capacity());
            long missesBefore = w.cache().underflows();
            w.rounds(50, 100);
            assertEquals(missesBefore, w.cache().underflows(), "no more misses once it fits");
        }
    }

    @Test
    void shouldNeverGrowACachePastTheMaximumCapacity() throws Exception {
        try (PagePool pool = Pools.small().cacheCapacity(32).refillBatch(16).maxCacheCapacity(2048).build();
             Worker w = new Worker(pool, "capped")) {
            Tuner tuner = Tuner.manual(pool,
                    Pools.quick(new LineLog()).toBuilder().cacheCapacityRange(16, 64).build());
            for (int i = 0; i < 15; i++) {
                w.rounds(10, 300);
                tuner.step();
                assertTrue(w.capacity() <= 64, "capacity " + w.capacity());
            }
            assertEquals(64, w.capacity());
        }
    }

    @Test
    void shouldShrinkAQuietCacheSlowlyAndNotBelowTheMinimum() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().cacheCapacity(512).build(); Worker w = new Worker(pool, "quiet")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            w.rounds(1, 8);
            tuner.step();
            int previous = w.capacity();
            for (int i = 0; i < 60; i++) {
                w.rounds(5, 8);
                tuner.step();
                int now = w.capacity();
                assertTrue(now >= previous - previous / 8 - 1,
                        previous + " -> " + now + ": at most an eighth per step");
                assertTrue(now >= 16, "minimum: " + now);
                previous = now;
            }
            assertTrue(w.capacity() < 512 / 4, "shrank: " + w.capacity());
            assertTrue(log.any("no miss for 2 intervals"), log.lines()::toString);
        }
    }

    @Test
    void shouldStealOnlyFromACacheWhoseMissesAreWellBelowTheReceiversAndStayInsideTheBudget() throws Exception {
        LineLog log = new LineLog();
        // budget: 1 MiB / 4 KiB * 0.5 = 128 pages for caches and ring; 1 stripe + 2 caches + ring = 160
        try (PagePool pool = Pools.small().maxMemoryBytes(1 << 20).cacheCapacity(48).refillBatch(16)
                .ringCapacity(16).virtualStripes(1).build();
             Worker quiet = new Worker(pool, "donor");
             Worker busy = new Worker(pool, "receiver")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log).toBuilder().cacheCapacityRange(8, 4096).build());
            quiet.rounds(1, 8);
            busy.rounds(1, 8);
            tuner.step();
            tuner.step();
            tuner.step(); // over budget at the start: back inside in a few steps
            for (int i = 0; i < 12; i++) {
                quiet.rounds(5, 8);
                busy.rounds(10, 90);
                tuner.step();
                long promised = pool.stats().cacheCapacityTotal() + pool.ringCapacity();
                assertTrue(promised <= tuner.budgetPages(), promised + " > budget " + tuner.budgetPages());
            }
            assertTrue(busy.capacity() > 48, "receiver grew: " + busy.capacity());
            assertTrue(quiet.capacity() < 48, "donor gave: " + quiet.capacity());
            assertTrue(log.any("capacity stolen by cache " + busy.cache().cacheId()), log.lines()::toString);
        }
    }

    @Test
    void shouldNotStealFromACacheThatMissesAsMuchAsTheReceiver() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().maxMemoryBytes(1 << 20).cacheCapacity(56).refillBatch(16)
                .ringCapacity(16).virtualStripes(1).build();
             Worker a = new Worker(pool, "a");
             Worker b = new Worker(pool, "b")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            a.rounds(1, 8);
            b.rounds(1, 8);
            tuner.step();
            for (int i = 0; i < 6; i++) {
                a.rounds(10, 90);
                b.rounds(10, 90);
                tuner.step();
            }
            for (Worker w : new Worker[] {a, b}) {
                String donor = "[cache " + w.cache().cacheId() + "]";
                assertTrue(log.lines().stream().noneMatch(l -> l.contains(donor) && l.contains("stolen")),
                        log.lines()::toString);
            }
        }
    }

    @Test
    void shouldDrainAnIdleCacheAndGiveItCapacityBackWhenItWakesUp() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().build(); Worker w = new Worker(pool, "sleeper")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            w.rounds(3, 40);
            tuner.step();
            int parked = w.cache().size();
            for (int i = 0; i < 5; i++) {
                tuner.step();
            }
            CacheStats idle = w.cache();
            assertEquals(0, idle.capacity(), log.lines()::toString);
            assertEquals(parked, idle.size(), "a live idle thread keeps its pages until its next operation");
            assertTrue(parked > 0);
            w.rounds(1, 1); // the owner's next operation flushes
            assertTrue(w.cache().size() <= 1, "flushed at the owner's next operation: " + w.cache().size());
            tuner.step();
            assertEquals(pool.newCacheCapacity(), w.capacity(), log.lines()::toString);
            assertTrue(log.any("idle cache active again"), log.lines()::toString);
        }
    }

    @Test
    void shouldRecordNoDecisionForACacheReclaimedAfterTheSignalsWereSampled() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().build()) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            long cacheId;
            try (Worker w = new Worker(pool, "ends-while-idle")) {
                w.rounds(3, 40);
                cacheId = w.cache().cacheId();
                for (int i = 0; i < 4; i++) { // the first reading, then idle 3 intervals: one short of draining
                    tuner.step();
                }
                assertTrue(pool.cacheStats().stream().anyMatch(c -> c.cacheId() == cacheId && c.capacity() > 0),
                        log.lines()::toString);
            } // the thread ends; its cache stays listed until reclaimed
            int linesBefore = log.lines().size();
            int decisionsBefore = tuner.decisions();
            tuner.step(); // samples the ended cache, reclaims it, then would drain it (idle 4 intervals)
            List<String> stepLines = log.lines().subList(linesBefore, log.lines().size());
            assertTrue(pool.cacheStats().stream().noneMatch(c -> c.cacheId() == cacheId));
            assertTrue(stepLines.stream().anyMatch(l -> l.contains("threads ended: their caches reclaimed")),
                    stepLines::toString);
            assertTrue(stepLines.stream().noneMatch(l -> l.contains("[cache " + cacheId + "]")), stepLines::toString);
            assertEquals(stepLines.size(), tuner.decisions() - decisionsBefore, "one log line per counted decision");
        }
    }
}
