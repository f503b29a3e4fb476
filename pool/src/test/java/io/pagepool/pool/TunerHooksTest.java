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
package io.pagepool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two hooks the tuner uses beside the setters: the capacity of new caches, and returning ring stock. */
@Timeout(60)
class TunerHooksTest {
    private static final long SLAB = 64 << 10; // 16 pages of 4 KiB

    @Test
    void setNewCacheCapacityChangesNewCachesAndLeavesLiveOnesAlone() throws Exception {
        try (PagePool pool = Pools.small("hooks-new", new Warnings()).cacheCapacity(32).build()) {
            pool.alloc().release(); // this thread's cache exists, capacity 32
            pool.setNewCacheCapacity(96);
            assertEquals(96, pool.newCacheCapacity());
            long me = Thread.currentThread().threadId();
            assertEquals(32, pool.cacheStats().stream().filter(c -> c.threadId() == me).findFirst()
                    .orElseThrow().capacity());
            int[] capacity = new int[1];
            Pools.runOnNewThread("hooks-new-thread", () -> {
                pool.alloc().release();
                long id = Thread.currentThread().threadId();
                capacity[0] = pool.cacheStats().stream().filter(c -> c.threadId() == id).findFirst()
                        .orElseThrow().capacity();
            });
            assertEquals(96, capacity[0]);
            assertThrows(IllegalArgumentException.class, () -> pool.setNewCacheCapacity(0));
        }
    }

    @Test
    void returnRingPagesMovesAtMostTheAskedPagesToTheirSlabsAndFreedSlabsAreUnmapped() throws Exception {
        try (PagePool pool = Pools.small("hooks-ring", new Warnings()).slabBytes(SLAB).slabReserve(0)
                .cacheCapacity(16).refillBatch(16).build()) {
            List<Page> pages = new ArrayList<>();
            Pools.runOnNewThread("hooks-ring-alloc", () -> {
                for (int i = 0; i < 64; i++) {
                    pages.add(pool.alloc());
                }
            });
            pages.forEach(Page::release); // this thread's cache overflows into the ring by halves
            pool.control().drainRing(); // empty the ring first ...
            assertEquals(0, pool.stats().ringSize());
            Pools.runOnNewThread("hooks-ring-fill", () -> {
                List<Page> again = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    again.add(pool.alloc());
                }
                again.forEach(Page::release);
            });
            int inRing = pool.stats().ringSize();
            assertTrue(inRing > 10, "ring stock " + inRing);
            long mappedBefore = pool.stats().pagesMapped();
            assertEquals(5, pool.returnRingPages(5));
            assertEquals(inRing - 5, pool.stats().ringSize());
            assertEquals(inRing - 5, pool.returnRingPages(1000));
            assertEquals(0, pool.stats().ringSize());
            assertEquals(0, pool.returnRingPages(10), "nothing left");
            assertTrue(pool.stats().pagesMapped() <= mappedBefore);
            assertEquals(0, pool.stats().inflightPages());
        }
    }
}
