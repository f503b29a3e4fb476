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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Misuse: every mistake throws an exception naming the page and the pool, and leaves the pool
 * consistent — a following alloc/release cycle works, no page goes to two holders, and the
 * counters reconcile.
 */
class MisuseTest {

    private static PagePool pool() {
        return Pools.small("misuse", new Warnings()).build();
    }

    /**
     * Checks the pool after a misuse: the audit, then 300 pages (more than a cache holds, so the
     * ring and the slabs are involved) all distinct from each other and from {@code held}, each
     * with reference count 1, written and read back, then released.
     */
    private static void assertStillConsistent(PagePool pool, Collection<Page> held) {
        Pools.assertConsistent(pool, held);
        Set<Page> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(held);
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Page page = pool.alloc();
            assertTrue(seen.add(page), () -> page + " was handed to two holders");
            assertEquals(1, page.refCount());
            page.buffer().putInt(0, i);
            pages.add(page);
        }
        for (int i = 0; i < pages.size(); i++) {
            assertEquals(i, pages.get(i).buffer().getInt(0), "no other holder wrote to the page");
        }
        for (Page page : pages) {
            page.release();
        }
        Pools.assertConsistent(pool, held);
    }

    @Test
    void releasingAPageTwiceThrowsNamingThePageAndKeepsThePoolConsistent() throws Exception {
        try (PagePool pool = pool()) {
            Page keep = pool.alloc();
            Page page = pool.alloc();
            page.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, page::release);
            Pools.assertNamesPageAndPool(e, pool);
            assertTrue(e.getMessage().contains(page.toString()), e.getMessage());
            assertEquals(0, page.refCount(), "the count stays 0");
            assertStillConsistent(pool, List.of(keep));
            keep.release();
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releasingABufferTwiceThrowsNamingThePageAndKeepsThePoolConsistent() throws Exception {
        try (PagePool pool = pool()) {
            ByteBuffer view = pool.allocBuffer(100);
            pool.release(view);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(view));
            Pools.assertNamesPageAndPool(e, pool);

            ByteBuffer slice = pool.alloc().buffer().slice(10, 20);
            pool.release(slice);
            IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> pool.release(slice));
            Pools.assertNamesPageAndPool(e2, pool);
            assertStillConsistent(pool, List.of());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releasingAForeignDirectBufferThrowsNamingThePoolAndKeepsItConsistent() throws Exception {
        try (PagePool pool = pool()) {
            Page held = pool.alloc();
            ByteBuffer foreign = ByteBuffer.allocateDirect(4096);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
            Pools.assertNamesPageAndPool(e, pool);
            assertThrows(IllegalArgumentException.class, () -> pool.pageOf(foreign));
            assertStillConsistent(pool, List.of(held));
            held.release();
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releasingAHeapBufferThrowsNamingThePoolAndKeepsItConsistent() throws Exception {
        try (PagePool pool = pool()) {
            Page held = pool.alloc();
            ByteBuffer heap = ByteBuffer.allocate(4096);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.release(heap));
            Pools.assertNamesPageAndPool(e, pool);
            assertThrows(IllegalArgumentException.class, () -> pool.pageOf(ByteBuffer.wrap(new byte[10])));
            assertStillConsistent(pool, List.of(held));
            held.release();
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releasingABufferOfAnotherPoolThrowsAndLeavesBothPoolsConsistent() throws Exception {
        try (PagePool pool = pool(); PagePool other = Pools.small("other", new Warnings()).build()) {
            Page held = pool.alloc();
            Page foreign = other.alloc();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.release(foreign.buffer()));
            Pools.assertNamesPageAndPool(e, pool);
            assertThrows(IllegalArgumentException.class, () -> pool.release(foreign.buffer().slice(8, 8)));
            assertThrows(IllegalArgumentException.class, () -> pool.pageOf(foreign.buffer()));
            assertEquals(1, foreign.refCount(), "the other pool's page is untouched");
            assertStillConsistent(pool, List.of(held));
            Pools.assertConsistent(other, List.of(foreign));
            other.release(foreign.buffer());
            held.release();
            Pools.auditAndClose(pool);
            Pools.auditAndClose(other);
        }
    }

    @Test
    void retainingAFreePageThrowsNamingThePageAndKeepsThePoolConsistent() throws Exception {
        try (PagePool pool = pool()) {
            Page page = pool.alloc();
            page.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, page::retain);
            Pools.assertNamesPageAndPool(e, pool);
            assertEquals(0, page.refCount(), "a failed retain leaves the count at 0");
            assertStillConsistent(pool, List.of());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releasingMoreReferencesThanWereTakenThrowsNamingThePageAndKeepsThePoolConsistent() throws Exception {
        try (PagePool pool = pool()) {
            Page page = pool.alloc();
            page.retain();
            page.retain();
            page.release();
            page.release();
            page.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, page::release);
            Pools.assertNamesPageAndPool(e, pool);
            assertEquals(0, page.refCount(), "no underflow below 0");
            assertStillConsistent(pool, List.of());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void releaseBulkWithOneBadPageReleasesAllTheOthersAndThenThrows() throws Exception {
        try (PagePool pool = pool()) {
            Page[] pages = new Page[8];
            assertEquals(8, pool.allocBulk(pages, 8));
            Page bad = pages[3];
            bad.release(); // released early: releasing it again in the bulk is a double release
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.releaseBulk(pages, 8));
            Pools.assertNamesPageAndPool(e, pool);
            assertTrue(e.getMessage().contains(bad.toString()), "names the bad page: " + e.getMessage());
            for (Page page : pages) {
                assertEquals(0, page.refCount(), page + " released");
            }
            assertStillConsistent(pool, List.of());

            // two bad pages: the first failure is thrown, every good page is released
            assertEquals(8, pool.allocBulk(pages, 8));
            pages[0].release();
            pages[7].release();
            IllegalStateException first = assertThrows(IllegalStateException.class, () -> pool.releaseBulk(pages, 8));
            assertTrue(first.getMessage().contains(pages[0].toString()), first.getMessage());
            for (Page page : pages) {
                assertEquals(0, page.refCount());
            }
            assertStillConsistent(pool, List.of());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void aMisusedPoolStillHandsEachPageToOneHolderAcrossThreads() throws Exception {
        try (PagePool pool = pool()) {
            Page page = pool.alloc();
            page.release();
            assertThrows(IllegalStateException.class, page::release);
            assertThrows(IllegalStateException.class, page::retain);
            assertThrows(IllegalArgumentException.class, () -> pool.release(ByteBuffer.allocateDirect(64)));
            // another thread takes pages through the ring while this one holds some
            List<Page> mine = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                mine.add(pool.alloc());
            }
            List<Page> theirs = Collections.synchronizedList(new ArrayList<>());
            Thread other = Pools.runOnNewThread("other", () -> {
                for (int i = 0; i < 200; i++) {
                    theirs.add(pool.alloc());
                }
            });
            Set<Page> all = Collections.newSetFromMap(new IdentityHashMap<>());
            all.addAll(mine);
            all.addAll(theirs);
            assertEquals(400, all.size(), "no page handed to two holders");
            List<Page> held = new ArrayList<>(all);
            Pools.assertConsistent(pool, held);
            for (Page p : held) {
                p.release();
            }
            assertFalse(other.isAlive());
            Pools.auditAndClose(pool);
        }
    }
}
