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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference counts ({@code retain}/{@code release}) and fragments ({@code allocFragment}). */
class RefcountAndFragmentTest {

    private static PagePool pool(int pageSize) {
        return Pools.small("refcount", new Warnings()).pageSize(pageSize).build();
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aRetainedPageIsNotRecycledUntilItsLastRelease(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            Page page = pool.alloc();
            assertEquals(1, page.refCount());
            assertSame(page, page.retain());
            assertEquals(2, page.refCount());
            page.retain();
            assertEquals(3, page.refCount());

            page.release();
            assertEquals(2, page.refCount());
            Page other = pool.alloc();
            assertNotSame(page, other, "a retained page is not handed out again");
            page.release();
            assertEquals(1, page.refCount());
            Page third = pool.alloc();
            assertNotSame(page, third, "still held once");
            third.release();
            other.release();

            page.release();
            assertEquals(0, page.refCount(), "the last release frees it");
            assertSame(page, pool.alloc(), "and it is handed out again (LIFO)");
            assertEquals(1, page.refCount());
            assertEquals(2, pool.stats().recycleReleasedRefcnt(), "two shared releases");
            page.release();
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aPageRetainedForAnotherThreadIsRecycledByWhicheverReleaseIsLast(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            Page page = pool.alloc();
            page.retain();
            Pools.runOnNewThread("first", page::release);
            assertEquals(1, page.refCount(), "the other thread dropped its reference only");
            Page meanwhile = pool.alloc();
            assertNotSame(page, meanwhile, "still held: not handed out again");

            page.retain();
            page.release();
            Pools.runOnNewThread("last", page::release);
            assertEquals(0, page.refCount(), "the other thread's release was the last one");
            assertTrue(pool.reclaimEndedThreadCaches() >= 1, "the page went into the ended thread's cache");
            Pools.assertConsistent(pool, List.of(meanwhile));
            meanwhile.release();
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void twoSmallFragmentsComeFromTheSamePageAtAlignedOffsetsWithExactlyTheRequestedCapacity(int pageSize)
            throws Exception {
        try (PagePool pool = pool(pageSize)) {
            ByteBuffer first = pool.allocFragment(100);
            ByteBuffer second = pool.allocFragment(100);
            Page page = pool.pageOf(first);
            assertSame(page, pool.pageOf(second), "the same page");
            long firstOffset = MemorySegment.ofBuffer(first).address() - page.address();
            long secondOffset = MemorySegment.ofBuffer(second).address() - page.address();
            assertEquals(0, firstOffset);
            assertEquals(104, secondOffset, "the next 8-byte boundary after 100");
            for (ByteBuffer f : List.of(first, second)) {
                assertEquals(100, f.capacity(), "capacity is exactly the request");
                assertEquals(100, f.limit());
                assertEquals(0, f.position());
                assertTrue(f.isDirect());
                assertEquals(ByteOrder.BIG_ENDIAN, f.order());
            }
            assertThrows(IndexOutOfBoundsException.class, () -> first.put(100, (byte) 1), "no access beyond it");
            pool.release(first);
            pool.release(second);
            Pools.assertConsistent(pool, List.of());
            Pools.closeFully(pool);
            assertEquals(0, page.refCount(), "close drops the fragment bias");
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void fragmentsOfOddSizesAreEightByteAlignedAndNeverOverlap(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            List<ByteBuffer> fragments = new ArrayList<>();
            int[] sizes = {1, 3, 7, 8, 9, 13, 100, 255, 64, 1000, 17, 5, pageSize / 2, 31};
            for (int round = 0; round < 6; round++) {
                for (int size : sizes) {
                    ByteBuffer f = pool.allocFragment(size);
                    assertEquals(size, f.capacity());
                    long offset = MemorySegment.ofBuffer(f).address() - pool.pageOf(f).address();
                    assertEquals(0, offset % 8, "8-byte aligned offset " + offset + " for " + size);
                    assertTrue(offset + size <= pageSize, "inside the page");
                    fragments.add(f);
                }
            }
            // stamp every fragment wholly, then check that no stamp was overwritten by a neighbour
            for (int i = 0; i < fragments.size(); i++) {
                ByteBuffer f = fragments.get(i);
                for (int b = 0; b < f.capacity(); b++) {
                    f.put(b, (byte) i);
                }
            }
            for (int i = 0; i < fragments.size(); i++) {
                ByteBuffer f = fragments.get(i);
                for (int b = 0; b < f.capacity(); b++) {
                    assertEquals((byte) i, f.get(b), "fragment " + i + " byte " + b);
                }
            }
            for (ByteBuffer f : fragments) {
                pool.release(f);
            }
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aFragmentPageStaysOutWhileItsCacheStillSplitsItEvenWithEveryFragmentReleased(int pageSize)
            throws Exception {
        try (PagePool pool = pool(pageSize)) {
            ByteBuffer f1 = pool.allocFragment(100);
            ByteBuffer f2 = pool.allocFragment(100);
            Page page = pool.pageOf(f1);
            pool.release(f1);
            pool.release(f2);
            assertTrue(page.refCount() > 0, "not recycled: the cache still splits it");
            List<Page> others = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Page p = pool.alloc();
                assertNotSame(page, p, "the fragment page is not handed out whole");
                others.add(p);
            }
            ByteBuffer f3 = pool.allocFragment(100);
            assertSame(page, pool.pageOf(f3), "the cache keeps splitting the same page");
            assertEquals(208, MemorySegment.ofBuffer(f3).address() - page.address());
            pool.release(f3);
            for (Page p : others) {
                p.release();
            }
            Pools.assertConsistent(pool, List.of()); // the fragment page counts as in flight
            Pools.closeFully(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aFragmentPageRecyclesOnlyOnceTheCacheMovedOnAndEveryFragmentIsReleased(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            ByteBuffer f1 = pool.allocFragment(100);
            ByteBuffer f2 = pool.allocFragment(100);
            Page page = pool.pageOf(f1);
            pool.release(f1);

            // fill the page until the cache moves on to a new one
            List<ByteBuffer> onPage = new ArrayList<>();
            ByteBuffer next;
            while (true) {
                next = pool.allocFragment(pageSize / 2);
                if (pool.pageOf(next) != page) {
                    break;
                }
                onPage.add(next);
            }
            Page newPage = pool.pageOf(next);
            assertNotSame(page, newPage);
            assertEquals(1, onPage.size(), "one half-page fragment fitted after two small ones");
            for (ByteBuffer f : onPage) {
                pool.release(f);
            }
            assertEquals(1, page.refCount(), "moved on, one fragment (f2) still held");
            long releasesBefore = pool.stats().releasePages();
            List<Page> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Page p = pool.alloc();
                assertNotSame(page, p, "not free while f2 is held");
                others.add(p);
            }
            for (Page p : others) {
                p.release();
            }
            Pools.assertConsistent(pool, List.of(page));

            pool.release(f2);
            assertEquals(0, page.refCount(), "the last fragment recycles the page");
            assertEquals(releasesBefore + 20 + 1, pool.stats().releasePages(), "counted as one page release");
            assertSame(page, pool.alloc(), "recycled into this thread's cache (LIFO)");
            page.release();
            pool.release(next);
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aFragmentPageWhoseFragmentsAreAllBackRecyclesWhenTheCacheMovesOn(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            ByteBuffer f1 = pool.allocFragment(pageSize / 2);
            ByteBuffer f2 = pool.allocFragment(pageSize / 2);
            Page page = pool.pageOf(f1);
            assertSame(page, pool.pageOf(f2), "two halves fill one page");
            pool.release(f1);
            pool.release(f2);
            long releasesBefore = pool.stats().releasePages();
            ByteBuffer f3 = pool.allocFragment(8); // does not fit: the cache moves on
            assertEquals(releasesBefore + 1, pool.stats().releasePages(), "the old fragment page was recycled");
            // recycled into the cache, it is the page popped for the new fragment run (LIFO)
            assertSame(page, pool.pageOf(f3));
            assertEquals(page.address(), MemorySegment.ofBuffer(f3).address(), "a fresh run starts at offset 0");
            pool.release(f3);
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void aFragmentLargerThanHalfAPageTakesAWholePage(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            ByteBuffer small = pool.allocFragment(64);
            Page smallPage = pool.pageOf(small);
            for (int size : new int[] {pageSize / 2 + 1, pageSize - 8, pageSize}) {
                ByteBuffer whole = pool.allocFragment(size);
                Page page = pool.pageOf(whole);
                assertNotSame(smallPage, page, "not from the page being split");
                assertEquals(size, whole.capacity());
                assertEquals(page.address(), MemorySegment.ofBuffer(whole).address(), "at the page's start");
                assertEquals(1, page.refCount(), "a whole page: one plain reference, no bias");
                pool.release(whole);
                assertEquals(0, page.refCount());
            }
            ByteBuffer half = pool.allocFragment(pageSize / 2);
            assertSame(smallPage, pool.pageOf(half), "exactly half a page is still a fragment");
            pool.release(half);
            pool.release(small);
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0} B pages")
    @ValueSource(ints = {2048, 4096, 16384})
    void badFragmentSizesThrowIllegalArgumentException(int pageSize) throws Exception {
        try (PagePool pool = pool(pageSize)) {
            for (int bad : new int[] {0, -1, -100, pageSize + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> pool.allocFragment(bad), "size " + bad);
                assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
                assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
                assertTrue(e.getMessage().contains(String.valueOf(pageSize)), "names the allowed range");
            }
            assertEquals(0, pool.stats().allocPages(), "nothing was handed out");
            Pools.auditAndClose(pool);
        }
    }
}
