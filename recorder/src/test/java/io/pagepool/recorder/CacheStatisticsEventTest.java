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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.CacheStats;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** {@code io.pagepool.CacheStatistics}: one event per cache and period, deltas per cache id. */
class CacheStatisticsEventTest {

    @Test
    void theMainThreadsCacheDeltasAddUpToItsCounters() {
        RecordedWorkload w = RecordedWorkload.get();
        CacheStats main = w.mainCache;
        List<RecordedEvent> events = TestRecordings.events(w.file, EventNames.CACHE_STATISTICS, w.poolName).stream()
                .filter(e -> e.getLong("cacheId") == main.cacheId()).toList();
        assertTrue(events.size() >= 5, "one per period: " + events.size());
        assertEquals(main.hits(), TestRecordings.sum(events, "hits"));
        assertEquals(main.underflows(), TestRecordings.sum(events, "underflows"));
        assertEquals(main.overflows(), TestRecordings.sum(events, "overflows"));
        assertEquals(main.releases(), TestRecordings.sum(events, "releases"));
        assertTrue(main.hits() >= RecordedWorkload.FAST_LOOPS && main.overflows() > 0, main::toString);
        for (RecordedEvent e : events) {
            assertEquals(main.threadName(), e.getString("threadName"));
            assertEquals(main.threadId(), e.getLong("threadId"));
            assertFalse(e.getBoolean("virtualStripe"));
            assertTrue(e.getLong("size") <= e.getLong("capacity"), e::toString);
        }
    }

    @Test
    void capacityFollowsTheKnobAndStripesAppearToo() {
        RecordedWorkload w = RecordedWorkload.get();
        List<RecordedEvent> all = TestRecordings.events(w.file, EventNames.CACHE_STATISTICS, w.poolName);
        List<RecordedEvent> main = all.stream().filter(e -> e.getLong("cacheId") == w.mainCache.cacheId()).toList();
        assertEquals(16, main.getFirst().getLong("capacity"));
        assertEquals(24, main.getLast().getLong("capacity"), "setCacheCapacity(24) shows in later events");
        assertTrue(all.stream().anyMatch(e -> e.getBoolean("virtualStripe") && e.getLong("threadId") == -1
                && e.getString("threadName").startsWith("virtual-stripe-")));
        assertTrue(all.stream().anyMatch(e -> "workload-producer".equals(e.getString("threadName"))
                        && e.getLong("hits") + e.getLong("underflows") > 0),
                () -> "the producer thread's cache had its own events while it lived: " + all.stream()
                        .map(e -> e.getString("threadName") + ":" + e.getLong("hits") + "/" + e.getLong("underflows"))
                        .distinct().toList());
    }
}
