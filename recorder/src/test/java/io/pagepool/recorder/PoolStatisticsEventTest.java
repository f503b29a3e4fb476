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

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolCounter;
import io.pagepool.pool.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** {@code io.pagepool.PoolStatistics}: deltas that add up to the pool's own counters. */
class PoolStatisticsEventTest {

    @Test
    void deltasOverTheRecordingAddUpToThePoolsCounters() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.POOL_STATISTICS, w.poolName);
        PoolStats s = w.expected;
        assertTrue(events.size() >= 5, "periodic events every 100 ms over seconds: " + events.size());
        for (PoolCounter c : PoolCounter.ALL) { // every counter of the table, under its field name
            if (c.kind() == PoolCounter.Kind.COUNTER) {
                assertEquals(c.read(s), TestRecordings.sum(events, EventNames.poolStatisticsField(c)), c::toString);
            }
        }
    }

    @Test
    void theWorkloadExercisedEveryPathSoTheSumsAreNotTrivial() {
        PoolStats s = RecordedWorkload.get().expected;
        assertTrue(s.allocFast() >= RecordedWorkload.FAST_LOOPS, s::toString);
        assertTrue(s.allocSlow() > 0 && s.allocRefill() > 0 && s.allocEmpty() > 0, s::toString);
        assertTrue(s.recycleCacheFull() > 0 && s.recycleRing() > 0 && s.recycleRingFull() > 0, s::toString);
        assertTrue(s.slabsMapped() >= RecordedWorkload.MAX_MEMORY / RecordedWorkload.SLAB_BYTES, s::toString);
        assertEquals(s.slabsMapped(), s.slabsUnmapped(), "fully closed: every slab returned");
        assertEquals(1, s.waiveSize());
        assertTrue(s.waiveBudget() >= 1, s::toString);
    }

    @Test
    void gaugesDescribeThePoolAtTheEndOfEachInterval() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.POOL_STATISTICS, w.poolName);
        for (RecordedEvent e : events) {
            assertEquals(4096, e.getLong("pageSize"));
            assertEquals("PREFAULT", e.getString("mapping"));
            assertEquals(RecordedWorkload.MAX_MEMORY, e.getLong("maxMemory"));
            assertEquals(32, e.getLong("ringCapacity"));
            assertTrue(e.getLong("interval") > 0, e::toString);
            long pages = e.getLong("allocPages");
            double expectedRatio = pages == 0 ? 1.0 : (double) e.getLong("allocFast") / pages;
            assertEquals(expectedRatio, e.getDouble("fastPathRatio"), 1e-9, e::toString);
            assertEquals(e.getLong("pagesMapped") * 4096, e.getLong("bytesMapped"), e::toString);
        }
        assertTrue(events.stream().anyMatch(e -> e.getLong("inflightPages") == 1 && e.getLong("bytesMapped") > 0),
                "while the leaked page was held, the events show exactly one page in flight");
        RecordedEvent last = events.getLast();
        assertEquals(0, last.getLong("bytesMapped"), "the last event is the fully closed pool's");
        assertEquals(0, last.getLong("inflightPages"));
        assertTrue(events.stream().anyMatch(e -> e.getLong("threadCaches") >= 1
                && e.getLong("cacheCapacityTotal") >= 16));
    }

    @Test
    void aRecordingStreamSeesTheDeltasLive() throws Exception {
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name("stream-" + System.nanoTime())
                .slabBytes(64 << 10).build());
             RecordingStream stream = new RecordingStream()) {
            stream.enable(EventNames.POOL_STATISTICS).withPeriod(Duration.ofMillis(100));
            AtomicLong allocFast = new AtomicLong();
            AtomicReference<String> error = new AtomicReference<>();
            stream.onEvent(EventNames.POOL_STATISTICS, e -> {
                if (pool.name().equals(e.getString("poolName"))) {
                    allocFast.addAndGet(e.getLong("allocFast"));
                    if (!"Page Pool Statistics".equals(e.getEventType().getLabel())) {
                        error.set("label " + e.getEventType().getLabel());
                    }
                }
            });
            stream.startAsync();
            for (int i = 0; i < 1000; i++) {
                pool.alloc().release();
            }
            long expected = pool.stats().allocFast();
            assertTrue(expected >= 999, "all but the first allocation hit the cache: " + expected);
            assertTrue(TestRecordings.await(Duration.ofSeconds(10), () -> allocFast.get() >= expected),
                    () -> "streamed allocFast " + allocFast.get() + " of " + expected);
            Thread.sleep(300); // a few more periods: no allocation, so the sum must not move
            assertEquals(expected, allocFast.get());
            assertEquals(null, error.get());
            PoolRecorder.unregister(pool);
        }
    }
}
