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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One budget over the classes of a group: a floor per active class, the rest first-come, shares
 * the tuner moves, idle classes returning their slabs. Classes of 1, 2 and 4 KiB, slabs of
 * 256 KiB, a budget of 4 MiB (16 slabs) and a floor of 1 MiB (4 slabs); free slabs stay mapped
 * (a reserve of 16), so only the budget's own moves return them.
 */
class SizeClassBudgetTest {
    static final long SLAB = 256 << 10;
    static final long BUDGET = 4 << 20;
    static final long FLOOR = 1 << 20;

    static SizeClassPool group(String purpose) {
        return SizeClassPool.builder().name(purpose).minClassBytes(1024).maxClassBytes(4096).slabBytes(SLAB)
                .maxMemoryBytes(BUDGET).classFloorBytes(FLOOR).slabReserve(16).strict(true)
                .warnings(new Warnings()).build();
    }

    /** Allocates pages of {@code bytes} until the group waives; returns them. */
    static List<Page> hammer(SizeClassPool group, int bytes) {
        List<Page> held = new ArrayList<>();
        for (Page page; (page = group.tryAlloc(bytes)) != null; ) {
            held.add(page);
        }
        return held;
    }

    @Test
    void aHammeredClassSpendsTheBudgetButAnotherActiveClassStillGetsItsFloor() {
        try (SizeClassPool group = group("floor")) {
            PagePool small = group.classFor(1024);
            PagePool large = group.classFor(4096);
            Page first = group.alloc(4096); // the 4 KiB class is active: one slab of its floor used
            List<Page> smallPages = hammer(group, 1000);
            assertEquals(BUDGET - FLOOR, small.stats().bytesMapped(), "all but the 4 KiB class's floor");
            assertEquals(1, small.stats().waiveBudget(), "the hammered class was waived for budget");

            List<Page> largePages = hammer(group, 4096);
            largePages.add(first);
            assertEquals(FLOOR / 4096, largePages.size(), "the 4 KiB class got its whole floor");
            assertEquals(1, large.stats().waiveBudget());
            assertEquals(BUDGET, group.stats().bytesMapped());
            assertEquals(BUDGET, group.bytesMapped());

            assertNull(group.tryAlloc(2048), "a late class finds every page held");
            smallPages.forEach(Page::release); // the hammered class is above its floor: its free slabs go
            Page late = group.tryAlloc(2048);
            assertNotNull(late, "a late class below its floor reclaims free slabs of a class above its floor");
            assertTrue(small.stats().slabsUnmapped() > 0);
            assertTrue(group.stats().bytesMapped() <= BUDGET);
            late.release();
            largePages.forEach(Page::release);
            assertEquals(0, group.stats().inflightPages());
        }
    }

    @Test
    void theTunerMovesSharesAndAClassMapsNoMoreThanItsShare() {
        try (SizeClassPool group = group("shares")) {
            PagePool small = group.classFor(1024);
            assertEquals(BUDGET, group.shareBytes(small), "a share is the whole budget by default");
            assertEquals(FLOOR, group.floorBytes());
            group.setShareBytes(small, FLOOR);
            List<Page> held = hammer(group, 1024);
            assertEquals(FLOOR / 1024, held.size());
            assertEquals(FLOOR, small.stats().bytesMapped(), "stopped at its share, the budget not spent");
            group.setShareBytes(small, FLOOR + 2 * SLAB);
            held.addAll(hammer(group, 1024));
            assertEquals(FLOOR + 2 * SLAB, small.stats().bytesMapped(), "a raised share lets it map more");
            assertThrows(IllegalArgumentException.class, () -> group.setShareBytes(small, FLOOR - 1));
            assertThrows(IllegalArgumentException.class, () -> group.setShareBytes(small, BUDGET + 1));
            PagePool stranger = PagePool.builder().build();
            assertThrows(IllegalArgumentException.class, () -> group.shareBytes(stranger));
            stranger.close();
            held.forEach(Page::release);
        }
    }

    @Test
    void anIdleClassReturnsItsSlabsAndStopsHoldingItsFloor() throws Exception {
        try (SizeClassPool group = group("idle")) {
            PagePool small = group.classFor(1024);
            PagePool large = group.classFor(4096);
            Page busy = group.alloc(4096);
            Pools.runOnNewThread("burst", () -> hammer(group, 1024).forEach(Page::release)); // ends: its cache too
            assertEquals(BUDGET - FLOOR, small.stats().bytesMapped());
            assertTrue(group.active(small));

            assertEquals(0, group.trimIdle(Long.MAX_VALUE), "the first look sees both classes active");
            assertEquals(0, group.trimIdle(Long.MAX_VALUE), "nothing is idle that long");
            Page more = group.alloc(4096); // the 4 KiB class stays busy between the looks
            int returned = group.trimIdle(0);
            assertEquals((BUDGET - FLOOR) / SLAB, returned, "the idle class returned every slab");
            assertEquals(0, small.stats().bytesMapped());
            assertFalse(group.active(small));
            assertTrue(group.active(large));
            assertEquals(SLAB, large.stats().bytesMapped(), "the busy class kept its slab");
            assertEquals(SLAB, group.bytesMapped());

            List<Page> held = hammer(group, 4096); // the idle class's floor is no longer held back
            held.add(busy);
            held.add(more);
            assertEquals(BUDGET, large.stats().bytesMapped());
            held.forEach(Page::release);
            Pools.assertConsistent(small, List.of());
        }
    }

    @Test
    void aClassRefusedWithNoPageReclaimsTheFreeSlabsOfAnIdleClassBeforeWaiving() {
        try (SizeClassPool group = group("reclaim")) {
            PagePool small = group.classFor(1024);
            PagePool large = group.classFor(4096);
            List<Page> held = new ArrayList<>(List.of(group.alloc(4096)));
            List<Page> smallPages = hammer(group, 1024);
            group.trimIdle(0);
            held.add(group.alloc(4096));
            assertEquals(0, group.trimIdle(0), "the small class is idle, but every page of it is held");
            assertFalse(group.active(small));
            smallPages.forEach(Page::release); // free now, and no trimIdle comes to return them
            assertEquals(BUDGET - FLOOR, small.stats().bytesMapped());

            held.addAll(hammer(group, 4096));
            assertTrue(large.stats().bytesMapped() > FLOOR + SLAB,
                    () -> "past its floor with the idle class's free slabs: " + large.stats().bytesMapped());
            assertTrue(small.stats().slabsUnmapped() > 0);
            assertEquals(BUDGET, group.bytesMapped(), "the budget is spent again, no more");
            held.forEach(Page::release);
        }
    }
}
