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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A page that reaches its slab a second time (what a racing double release leads to) is caught
 * by the slab on its slow path, counted and dropped, and {@link PagePool#audit()} finds a page
 * free in two places before that. The duplicates are planted by hand here; the race itself runs in
 * {@link DoubleReleaseRaceTest}.
 */
class DoubleReturnTest {
    @Test
    void aSlabDropsAFreePageReturnedTwiceCountsItAndAuditFindsTheDuplicateBefore() throws Exception {
        Warnings warnings = new Warnings();
        // stats off: the planted copy is no counted release, so the in-flight gauge would not add up
        try (PagePool pool = Pools.small("double-return", warnings).stats(false).build()) {
            Page page = pool.alloc();
            page.release(); // now in this thread's cache
            assertTrue(pool.audit().isConsistent(), pool.audit()::toString);

            pool.control().slabs().returnPages(new int[] {page.id()}, 0, 1); // a second copy, in its slab
            PoolAudit twice = pool.audit();
            assertEquals(1, twice.duplicatePages(), twice::toString);
            assertFalse(twice.isConsistent());
            assertTrue(twice.problems().get(0).contains(page.toString()), twice::toString);
            assertEquals(0, twice.doubleReturnsDropped());

            pool.control().caches().drainOwn(); // the cache's copy goes to the ring ...
            pool.returnRingPages(Integer.MAX_VALUE); // ... and from there to the slab that has it
            PoolAudit after = pool.audit();
            assertTrue(after.isConsistent(), after::toString);
            assertEquals(1, after.doubleReturnsDropped());
            assertEquals(1, warnings.containing(page.toString()).size(), warnings::toString);
            Pools.assertConsistent(pool, List.of());
            Pools.closeFully(pool);
        }
    }

    @Test
    void aSlabDropsAHeldPageReturnedToItAndTheHolderKeepsIt() throws Exception {
        try (PagePool pool = Pools.small("held-return", new Warnings()).stats(false).build()) {
            Page page = pool.alloc();
            pool.control().slabs().returnPages(new int[] {page.id()}, 0, 1); // a stale copy of a held page
            assertEquals(1, pool.audit().doubleReturnsDropped());
            Pools.assertConsistent(pool, List.of(page));
            for (int i = 0; i < 200; i++) {
                Page other = pool.alloc();
                assertFalse(other == page, "the held page is never handed out again");
            }
            page.release();
        }
    }
}
