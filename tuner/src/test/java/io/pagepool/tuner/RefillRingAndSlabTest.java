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

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.testkit.LineLog;
import org.junit.jupiter.api.Test;

/** Refill batch, ring and slab policies, driven step by step with real threads on real pools. */
class RefillRingAndSlabTest {

    @Test
    void shouldGrowTheRefillBatchForAProducerWhosePagesAnotherThreadReleases() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().build();
             Worker producer = new Worker(pool, "producer");
             Worker consumer = new Worker(pool, "consumer")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            tuner.step();
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 20; j++) {
                    consumer.release(producer.allocate(64));
                }
                tuner.step();
            }
            assertTrue(pool.refillBatch() > 64, "refill batch " + pool.refillBatch() + " " + log.lines());
            assertTrue(pool.refillBatch() <= TunerOptions.defaults().maxRefillBatch());
            assertTrue(producer.capacity() >= pool.refillBatch(), "the producer's cache holds a batch: "
                    + producer.capacity());
            assertTrue(log.any("the batch is the limit"), log.lines()::toString);
        }
    }

    @Test
    void shouldReturnIdleRingStockToSlabsGraduallyAndUnmapTheFreedSlabs() throws Exception {
        LineLog log = new LineLog();
        int perStep = 32;
        TunerOptions options = TunerOptions.builder().debugLog(log::add).maxRefillBatch(256).quietSteps(2)
                .idleSteps(1000).maxSlabReserve(0).ringPagesReturnedPerStep(perStep).build();
        try (PagePool pool = Pools.small().slabReserve(0).build(); Worker w = new Worker(pool, "filler")) {
            Page[] pages = w.allocate(600);
            try (Worker other = new Worker(pool, "releaser")) {
                other.release(pages); // into the releaser's cache, flushed by halves into the ring
            }
            pool.reclaimEndedThreadCaches();
            Tuner tuner = Tuner.manual(pool, options);
            int ring = pool.stats().ringSize();
            assertTrue(ring > 100, "ring stock " + ring);
            long mapped = pool.stats().pagesMapped();
            for (int i = 0; i < 40; i++) {
                tuner.step();
                int now = pool.stats().ringSize();
                assertTrue(ring - now <= perStep, "at most " + perStep + " pages per step: " + ring + " -> " + now);
                ring = now;
            }
            PoolStats after = pool.stats();
            assertTrue(after.ringSize() < 100, "returned: " + after.ringSize());
            assertTrue(after.pagesMapped() < mapped, "slabs unmapped: " + mapped + " -> " + after.pagesMapped());
            assertTrue(log.any("idle ring stock returned to slabs"), log.lines()::toString);
        }
    }

    @Test
    void shouldGrowTheRingWhenPagesFindItFullWhileRefillsFindItEmpty() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().ringCapacity(64).build();
             Worker producer = new Worker(pool, "producer");
             Worker consumer = new Worker(pool, "consumer")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            tuner.step();
            for (int j = 0; j < 10; j++) {
                consumer.release(producer.allocate(300));
            }
            tuner.step();
            assertEquals(128, pool.ringCapacity(), log.lines()::toString);
            assertTrue(log.any("ring overflowed while refills found it empty"), log.lines()::toString);
        }
    }

    @Test
    void shouldReclaimTheCachesOfEndedThreadsAndLowerTheSlabReserveOneSlabAtATime() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().slabReserve(3).build()) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            try (Worker w = new Worker(pool, "short-lived")) {
                w.rounds(2, 100);
            }
            int caches = pool.stats().threadCaches();
            tuner.step();
            assertEquals(caches - 1, pool.stats().threadCaches());
            assertTrue(log.any("threads ended: their caches reclaimed"), log.lines()::toString);
            int reserve = pool.slabReserve();
            for (int i = 0; i < 8; i++) {
                tuner.step();
                assertTrue(pool.slabReserve() >= reserve - 1, "one slab at a time");
                reserve = pool.slabReserve();
            }
            assertEquals(0, pool.slabReserve(), log.lines()::toString);
        }
    }

    @Test
    void shouldSetTheCapacityOfNewCachesToTheMedianOfActiveCaches() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().cacheCapacity(32).refillBatch(16).build();
             Worker a = new Worker(pool, "a"); Worker b = new Worker(pool, "b"); Worker c = new Worker(pool, "c")) {
            Tuner tuner = Tuner.manual(pool, Pools.quick(log));
            tuner.step();
            for (int i = 0; i < 8; i++) {
                a.rounds(10, 150);
                b.rounds(10, 150);
                c.rounds(10, 150);
                tuner.step();
            }
            assertTrue(pool.newCacheCapacity() > 32, "new caches start at " + pool.newCacheCapacity());
            try (Worker late = new Worker(pool, "late")) {
                late.rounds(1, 1);
                assertEquals(pool.newCacheCapacity(), late.capacity());
            }
        }
    }
}
