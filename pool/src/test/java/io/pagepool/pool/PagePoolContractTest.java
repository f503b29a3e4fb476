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

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pool's single-thread contract, run over every configuration of {@link PoolConfig#all()}:
 * page sizes 2048/4096/16384, every {@link Mapping}, statistics on and off, slabs from mmap and
 * from a JDK arena, standalone pools and classes of a {@link SizeClassPool}. Every test ends with
 * an audit of the pool's bookkeeping and a full close.
 */
@SuppressWarnings("try") // pools are closed explicitly inside try-with-resources, which closes again (idempotent)
class PagePoolContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void releasedPagesAreHandedOutAgainLastInFirstOutOnTheSameThread(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("lifo", new Warnings())) {
            Page a = pool.alloc();
            Page b = pool.alloc();
            assertNotSame(a, b);
            a.release();
            b.release();
            assertSame(b, pool.alloc(), "the page released last comes back first");
            assertSame(a, pool.alloc());
            a.release();
            assertSame(a, pool.alloc(), "the same page again after another release");
            a.release();
            b.release();
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void everyHandedOutPageHasAFreshDirectBigEndianViewOfTheWholePage(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("view", new Warnings())) {
            Page page = pool.alloc();
            assertFreshView(page, config.pageSize());
            assertEquals(1, page.refCount());
            assertSame(pool, page.pool());
            assertEquals(config.pageSize(), page.sizeBytes());
            assertEquals(config.pageSize(), page.segment().byteSize());
            assertEquals(page.address(), page.segment().address());
            assertEquals(page.address(), MemorySegment.ofBuffer(page.buffer()).address());

            // the previous holder leaves the view in a mess
            ByteBuffer view = page.buffer();
            view.limit(100).position(40).mark();
            view.position(60);
            view.order(ByteOrder.LITTLE_ENDIAN);
            page.release();

            Page again = pool.alloc();
            assertSame(page, again, "LIFO: the same page");
            assertFreshView(again, config.pageSize());
            assertThrows(java.nio.InvalidMarkException.class, () -> again.buffer().reset(), "the mark is discarded");

            // and through the bulk path and allocBuffer
            again.buffer().position(7).limit(9).order(ByteOrder.LITTLE_ENDIAN);
            again.release();
            Page[] bulk = new Page[3];
            assertEquals(3, pool.allocBulk(bulk, 3));
            for (Page p : bulk) {
                assertFreshView(p, config.pageSize());
            }
            pool.releaseBulk(bulk, 3);
            ByteBuffer buffer = pool.allocBuffer(config.pageSize());
            assertTrue(buffer.isDirect());
            assertEquals(0, buffer.position());
            assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
            pool.release(buffer);
            Pools.auditAndClose(pool);
        }
    }

    private static void assertFreshView(Page page, int pageSize) {
        ByteBuffer view = page.buffer();
        assertAll(
                () -> assertTrue(view.isDirect(), "direct"),
                () -> assertEquals(0, view.position(), "position"),
                () -> assertEquals(pageSize, view.limit(), "limit"),
                () -> assertEquals(pageSize, view.capacity(), "capacity"),
                () -> assertEquals(ByteOrder.BIG_ENDIAN, view.order(), "order"),
                () -> assertTrue(!view.isReadOnly(), "writable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void everyByteWrittenToAPageReadsBackAndPagesDoNotOverlap(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("write", new Warnings())) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 20; i++) { // more than one slab of 16 KiB pages
                pages.add(pool.alloc());
            }
            for (int i = 0; i < pages.size(); i++) {
                ByteBuffer view = pages.get(i).buffer();
                while (view.hasRemaining()) {
                    view.put(pattern(i, view.position()));
                }
            }
            for (int i = 0; i < pages.size(); i++) {
                Page page = pages.get(i);
                ByteBuffer view = page.buffer().flip();
                assertEquals(config.pageSize(), view.remaining());
                for (int off = 0; off < config.pageSize(); off++) {
                    byte expected = pattern(i, off);
                    if (view.get(off) != expected || page.segment().get(ValueLayout.JAVA_BYTE, off) != expected) {
                        throw new AssertionError("page " + i + " byte " + off + ": expected " + expected + ", got "
                                + view.get(off));
                    }
                }
            }
            // long-wise through the segment, big-endian view agrees
            Page first = pages.getFirst();
            first.segment().set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 8,
                    0x0102030405060708L);
            assertEquals(0x0102030405060708L, first.buffer().getLong(8));
            for (Page page : pages) {
                page.release();
            }
            Pools.auditAndClose(pool);
        }
    }

    private static byte pattern(int page, int offset) {
        return (byte) (page * 31 + offset * 7 + (offset >>> 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void allocBufferHandsOutAViewWithTheRequestedLimit(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("allocBuffer", new Warnings())) {
            int pageSize = config.pageSize();
            for (int n : new int[] {0, 1, 100, pageSize / 2, pageSize - 1, pageSize}) {
                ByteBuffer buffer = pool.allocBuffer(n);
                assertEquals(n, buffer.limit(), "limit for " + n);
                assertEquals(0, buffer.position());
                assertEquals(pageSize, buffer.capacity());
                assertTrue(buffer.isDirect());
                assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
                Page page = pool.pageOf(buffer);
                assertNotSame(page.buffer(), buffer, "a view of its own for each lease (issue 13, item 3)");
                assertEquals(page.address(), MemorySegment.ofBuffer(buffer).address(), "a view of the page");
                assertEquals(1, page.refCount());
                pool.release(buffer);
                assertEquals(0, page.refCount());
                ByteBuffer tried = pool.tryAllocBuffer(n);
                assertNotNull(tried);
                assertEquals(n, tried.limit());
                pool.release(tried);
            }
            for (int bad : new int[] {-1, pageSize + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.allocBuffer(bad));
                assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains(pool.name()),
                        e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> pool.tryAllocBuffer(bad));
            }
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void releasingByViewBySliceOfAViewAndByFragmentFreesThePage(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("releaseBy", new Warnings())) {
            int pageSize = config.pageSize();

            Page byView = pool.alloc();
            pool.release(byView.buffer());
            assertEquals(0, byView.refCount(), "released by its view");

            Page byMovedView = pool.alloc();
            byMovedView.buffer().position(pageSize / 2).limit(pageSize - 3);
            pool.release(byMovedView.buffer());
            assertEquals(0, byMovedView.refCount(), "released by its view with position moved");

            Page bySlice = pool.alloc();
            pool.release(bySlice.buffer().slice(100, 50));
            assertEquals(0, bySlice.refCount(), "released by a slice");

            Page bySliceOfSlice = pool.alloc();
            ByteBuffer slice = bySliceOfSlice.buffer().slice(pageSize / 4, pageSize / 2);
            ByteBuffer sliceOfSlice = slice.slice(8, 16).position(3);
            pool.release(sliceOfSlice);
            assertEquals(0, bySliceOfSlice.refCount(), "released by a slice of a slice");

            Page byLastByte = pool.alloc();
            pool.release(byLastByte.buffer().slice(pageSize - 1, 1));
            assertEquals(0, byLastByte.refCount(), "released by a slice of its last byte");

            Page byDuplicate = pool.alloc();
            pool.release(byDuplicate.buffer().duplicate().position(11));
            assertEquals(0, byDuplicate.refCount(), "released by a duplicate");

            Page byReadOnly = pool.alloc();
            pool.release(byReadOnly.buffer().asReadOnlyBuffer());
            assertEquals(0, byReadOnly.refCount(), "released by a read-only view");

            ByteBuffer fragment = pool.allocFragment(64);
            Page fragmentPage = pool.pageOf(fragment);
            ByteBuffer whole = pool.allocFragment(pageSize / 2 + 1);
            Page wholePage = pool.pageOf(whole);
            pool.release(whole);
            assertEquals(0, wholePage.refCount(), "a whole-page fragment released by its slice");
            pool.release(fragment);
            assertTrue(fragmentPage.refCount() > 0, "the fragment page stays with the cache that splits it");
            Pools.assertConsistent(pool, List.of());
            Pools.closeFully(pool);
            assertEquals(0, fragmentPage.refCount(), "close drops the fragment bias");
        }
    }

    /**
     * An empty slice taken at the very end of a page (say {@code view.slice()} after filling the
     * whole page, or the empty rest of a fragment that ends the page) starts at the address of
     * the next page. Releasing it must release its own page or be refused; it must never release
     * the neighbouring page, which may belong to another holder.
     */
    @Test
    void anEmptySliceAtThePageEndNeverReleasesTheNeighbouringPage() throws Exception {
        try (PagePool pool = Pools.small("empty-slice", new Warnings()).build()) {
            int pageSize = pool.pageSize();
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pages.add(pool.alloc());
            }
            Page page = null;
            Page neighbour = null;
            for (Page a : pages) {
                for (Page b : pages) {
                    if (a.address() + pageSize == b.address()) {
                        page = a;
                        neighbour = b;
                    }
                }
            }
            assertNotNull(page, "two adjacent pages among 16 from one slab");
            ByteBuffer full = page.buffer();
            while (full.hasRemaining()) {
                full.put((byte) 1);
            }
            ByteBuffer rest = full.slice(); // empty: position == limit == page size
            assertEquals(0, rest.capacity());
            try {
                pool.release(rest);
            } catch (IllegalArgumentException refused) {
                // refusing an ambiguous empty buffer is fine
            }
            assertEquals(1, neighbour.refCount(), "the neighbouring page is still held by its holder");
            Page released = page.refCount() == 0 ? page : null;
            for (Page p : pages) {
                if (p != released && p.refCount() > 0) {
                    p.release();
                }
            }
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void pageOfFindsThePageOfEveryViewSliceAndFragment(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("pageOf", new Warnings())) {
            int pageSize = config.pageSize();
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // several slabs
                pages.add(pool.alloc());
            }
            for (Page page : pages) {
                ByteBuffer view = page.buffer();
                assertSame(page, pool.pageOf(view));
                assertSame(page, pool.pageOf(view.slice(0, 1)));
                assertSame(page, pool.pageOf(view.slice(pageSize - 1, 1)));
                assertSame(page, pool.pageOf(view.slice(pageSize / 3, pageSize / 3)));
                assertSame(page, pool.pageOf(view.duplicate().position(pageSize)));
            }
            ByteBuffer f1 = pool.allocFragment(100);
            ByteBuffer f2 = pool.allocFragment(100);
            Page fragmentPage = pool.pageOf(f1);
            assertSame(fragmentPage, pool.pageOf(f2));
            assertEquals(fragmentPage.address(), MemorySegment.ofBuffer(f1).address());
            ByteBuffer sized = pool.allocBuffer(10);
            assertNotSame(pool.pageOf(sized).buffer(), sized, "a view of its own for each lease");
            assertEquals(pool.pageOf(sized).address(), MemorySegment.ofBuffer(sized).address());
            pool.release(f1);
            pool.release(f2);
            pool.release(sized);
            for (Page page : pages) {
                page.release();
            }
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void allocBulkAndReleaseBulkOf64PagesBehaveLike64SingleCalls(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("bulk", new Warnings())) {
            Page[] bulk = new Page[64];
            assertEquals(64, pool.allocBulk(bulk, 64));
            Set<Page> bulkSet = identitySet(bulk);
            assertEquals(64, bulkSet.size(), "64 distinct pages");
            for (Page page : bulk) {
                assertEquals(1, page.refCount());
                assertEquals(0, page.buffer().position());
                assertEquals(config.pageSize(), page.buffer().limit());
            }
            Pools.assertConsistent(pool, bulkSet);
            PoolStats afterBulkAlloc = pool.stats();
            pool.releaseBulk(bulk, 64);
            for (Page page : bulk) {
                assertEquals(0, page.refCount());
            }
            PoolStats afterBulkRelease = pool.stats();

            Page[] single = new Page[64];
            for (int i = 0; i < 64; i++) {
                single[i] = pool.alloc();
            }
            assertEquals(bulkSet, identitySet(single), "single calls hand out the pages bulk calls released");
            assertSame(bulk[63], single[0], "LIFO: the last page released comes back first");
            PoolStats afterSingleAlloc = pool.stats();
            for (Page page : single) {
                page.release();
            }
            PoolStats afterSingleRelease = pool.stats();
            if (config.stats()) {
                assertEquals(64, afterBulkAlloc.allocPages(), "bulk holds");
                assertEquals(64, afterBulkRelease.releasePages() - afterBulkAlloc.releasePages(), "bulk releases");
                assertEquals(64, afterSingleAlloc.allocPages() - afterBulkRelease.allocPages(), "single holds");
                assertEquals(64, afterSingleRelease.releasePages() - afterSingleAlloc.releasePages(),
                        "single releases");
                assertEquals(0, afterSingleRelease.inflightPages());
            }
            Page[] none = new Page[4];
            assertEquals(0, pool.allocBulk(none, 0), "a bulk of zero pages");
            assertThrows(IndexOutOfBoundsException.class, () -> pool.allocBulk(none, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> pool.releaseBulk(none, 5));
            Pools.auditAndClose(pool);
        }
    }

    private static Set<Page> identitySet(Page[] pages) {
        Set<Page> set = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(set, pages);
        return set;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#statsOn")
    void aFullCacheFlushesItsColderHalfToTheRingInOneBatchAndAnEmptyOneRefillsABatch(PoolConfig config)
            throws Exception {
        try (PagePool pool = config.build("flush", new Warnings())) {
            Page first = pool.alloc(); // an empty cache refills one batch of 64
            CacheStats mine = ownCache(pool);
            assertEquals(63, mine.size(), "one batch of 64, one handed out");
            assertEquals(1, mine.underflows());
            List<Page> pages = new ArrayList<>(List.of(first));
            for (int i = 0; i < 128; i++) {
                pages.add(pool.alloc());
            }
            assertEquals(0, pool.stats().recycleRing());
            for (Page page : pages) { // 129 pages back into a cache of 128 holding 63 leftovers
                page.release();
            }
            PoolStats stats = pool.stats();
            assertEquals(1, stats.recycleCacheFull(), "one overflow");
            assertEquals(64, stats.recycleRing(), "flushed to the midpoint (64 of 128) in one batch");
            assertEquals(64, stats.ringSize());
            assertEquals(128, ownCache(pool).size(), "refilled to full by the remaining releases");
            assertSame(pages.getLast(), pool.alloc(), "the hottest page stayed");
            pages.getLast().release();
            Pools.auditAndClose(pool);
        }
    }

    private static CacheStats ownCache(PagePool pool) {
        long me = Thread.currentThread().threadId();
        return pool.cacheStats().stream().filter(c -> c.threadId() == me).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#statsOn")
    void countersReconcileWithThePagesTheTestHolds(PoolConfig config) throws Exception {
        try (PagePool pool = config.build("counters", new Warnings())) {
            Set<Page> held = Collections.newSetFromMap(new IdentityHashMap<>());
            reconcile(pool, held, 0);

            List<Page> singles = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                singles.add(pool.alloc());
            }
            held.addAll(singles);
            reconcile(pool, held, 0);

            Page[] bulk = new Page[64];
            assertEquals(64, pool.allocBulk(bulk, 64));
            Collections.addAll(held, bulk);
            reconcile(pool, held, 0);

            ByteBuffer sized = pool.allocBuffer(10);
            held.add(pool.pageOf(sized));
            reconcile(pool, held, 0);

            ByteBuffer f1 = pool.allocFragment(100);
            ByteBuffer f2 = pool.allocFragment(100);
            reconcile(pool, held, 1); // the fragment page is held once, whatever the fragments

            Page shared = singles.getFirst();
            shared.retain();
            reconcile(pool, held, 1);
            long refcntBefore = pool.stats().recycleReleasedRefcnt();
            shared.release();
            assertEquals(refcntBefore + 1, pool.stats().recycleReleasedRefcnt(), "a shared release is counted");
            reconcile(pool, held, 1);
            shared.release();
            held.remove(shared);
            reconcile(pool, held, 1);

            pool.releaseBulk(bulk, 64);
            for (Page page : bulk) {
                held.remove(page);
            }
            reconcile(pool, held, 1);

            pool.release(f1);
            pool.release(f2);
            reconcile(pool, held, 1); // still split by this thread's cache

            ByteBuffer whole = pool.allocFragment(config.pageSize());
            held.add(pool.pageOf(whole));
            reconcile(pool, held, 1);

            for (Page page : List.copyOf(held)) {
                page.release();
                held.remove(page);
            }
            reconcile(pool, held, 1);

            PoolStats stats = pool.stats();
            assertTrue(stats.allocFast() <= stats.allocPages(), "fast holds are holds");
            assertTrue(stats.allocSlow() >= 1, "at least one refill from slabs");
            assertEquals(stats.slabsMapped(), stats.allocSlowHighOrder(), "every slab was mapped for an allocation");
            assertTrue(stats.recycleCached() <= stats.releasePages(), "cached releases are releases");
            assertEquals(0, stats.allocWaive());
            assertTrue(stats.fastPathRatio() > 0 && stats.fastPathRatio() <= 1);

            pool.close(); // drops the fragment bias: nothing in flight any more
            PoolStats closed = pool.stats();
            assertEquals(0, closed.inflightPages());
            assertEquals(closed.allocPages(), closed.releasePages());
            Pools.closeFully(pool);
        }
    }

    /** Checks the counters against the pages the test holds (plus {@code fragmentPages} being split). */
    private static void reconcile(PagePool pool, Set<Page> held, int fragmentPages) {
        PoolStats stats = pool.stats();
        assertEquals(stats.allocPages() - stats.releasePages(), stats.inflightPages(), "inflight = hold - release");
        assertEquals(held.size() + fragmentPages, stats.inflightPages(), "inflight = pages the test holds");
        assertEquals(stats.bytesMapped(), stats.pagesMapped() * pool.pageSize(), "pagesMapped * pageSize");
        assertTrue(stats.allocPages() >= stats.allocFast());
        Pools.assertConsistent(pool, held);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#statsOff")
    void statsOffPoolsKeepEveryCounterAtZero(PoolConfig config) throws Exception {
        Warnings warnings = new Warnings();
        try (PagePool pool = config.build(config.builder("stats-off", warnings).cacheCapacity(8).ringCapacity(4))) {
            assertTrue(!pool.statsEnabled());
            assertAllCountersZero(pool, "new pool");
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pages.add(pool.alloc());
            }
            Page[] bulk = new Page[64];
            assertEquals(64, pool.allocBulk(bulk, 64));
            ByteBuffer f = pool.allocFragment(100);
            pages.getFirst().retain();
            pages.getFirst().release();
            assertAllCountersZero(pool, "after allocations");
            pool.releaseBulk(bulk, 64); // overflows the cache of 8 and the ring of 4
            for (Page page : pages) {
                page.release();
            }
            pool.release(f);
            pool.countWaive(WaiveReason.SIZE, 1 << 20);
            assertAllCountersZero(pool, "after releases");

            Page held = pool.alloc();
            pool.close();
            assertEquals(null, pool.tryAlloc());
            assertThrows(IllegalStateException.class, pool::alloc);
            assertAllCountersZero(pool, "after close");
            held.release(); // the last page comes back after close
            assertAllCountersZero(pool, "after a release past close");
            Pools.closeFully(pool);
        }
    }

    private static void assertAllCountersZero(PagePool pool, String when) {
        PoolStats s = pool.stats();
        long[] counters = {s.allocFast(), s.allocSlow(), s.allocSlowHighOrder(), s.allocEmpty(), s.allocRefill(),
                s.allocWaive(), s.recycleCached(), s.recycleCacheFull(), s.recycleRing(), s.recycleRingFull(),
                s.recycleReleasedRefcnt(), s.allocPages(), s.releasePages(), s.inflightPages(), s.waiveBudget(),
                s.waiveSize(), s.waiveClosed()};
        for (long counter : counters) {
            assertEquals(0, counter, () -> when + ": every counter stays 0 with stats off: " + s);
        }
        for (CacheStats cache : pool.cacheStats()) {
            assertEquals(0, cache.hits() + cache.underflows() + cache.overflows() + cache.releases(),
                    () -> when + ": cache counters stay 0 with stats off: " + cache);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void zeroingPoolsHandOutZeroedMemoryOnEveryPath(PoolConfig config) throws Exception {
        try (PagePool pool = config.build(config.builder("zero", new Warnings()).zero(true))) {
            assertTrue(pool.zeroes());
            int pageSize = config.pageSize();

            // pages dirtied on a thread that ends come back through the ring
            Pools.runOnNewThread("dirtier", () -> {
                List<Page> mine = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    mine.add(pool.alloc());
                }
                for (Page p : mine) {
                    dirty(p);
                    p.release();
                }
            });
            assertEquals(1, pool.reclaimEndedThreadCaches());
            assertTrue(pool.stats().ringSize() >= 100, "the dirty pages are in the ring");
            List<Page> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Page p = pool.alloc(); // refills from the ring
                assertZero(p.segment(), pageSize, "alloc after reuse through the ring");
                many.add(p);
            }
            for (Page p : many) {
                p.release();
            }

            Page page = pool.alloc();
            dirty(page);
            page.release();
            Page again = pool.alloc();
            assertSame(page, again);
            assertZero(again.segment(), pageSize, "alloc");
            dirty(again);
            again.release();
            Page tried = pool.tryAlloc();
            assertSame(page, tried);
            assertZero(tried.segment(), pageSize, "tryAlloc");
            dirty(tried);
            tried.release();

            ByteBuffer sized = pool.allocBuffer(100);
            assertSame(page, pool.pageOf(sized), "LIFO: the dirty page again");
            assertZero(page.segment(), 100, "allocBuffer(100), the requested length");
            dirty(page);
            pool.release(sized);

            ByteBuffer f1 = pool.allocFragment(100);
            ByteBuffer f2 = pool.allocFragment(200);
            assertSame(page, pool.pageOf(f1), "the dirty page is split");
            assertZero(MemorySegment.ofBuffer(f1), 100, "fragment 1");
            assertZero(MemorySegment.ofBuffer(f2), 200, "fragment 2");
            pool.release(f1);
            pool.release(f2);

            Page[] bulk = new Page[64];
            assertEquals(64, pool.allocBulk(bulk, 64));
            for (Page p : bulk) {
                dirty(p);
            }
            pool.releaseBulk(bulk, 64);
            assertEquals(64, pool.allocBulk(bulk, 64));
            for (Page p : bulk) {
                assertZero(p.segment(), pageSize, "allocBulk");
            }
            pool.releaseBulk(bulk, 64);

            Pools.auditAndClose(pool);
        }
    }

    private static void dirty(Page page) {
        page.segment().fill((byte) 0xA5);
    }

    private static void assertZero(MemorySegment segment, long bytes, String path) {
        for (long i = 0; i < bytes; i++) {
            byte b = segment.get(ValueLayout.JAVA_BYTE, i);
            if (b != 0) {
                throw new AssertionError(path + ": byte " + i + " is " + b + ", not zeroed");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagepool.pool.PoolConfig#all")
    void slabsGetTheRequestedMappingOrOneFallbackWarning(PoolConfig config) throws Exception {
        Warnings warnings = new Warnings();
        try (PagePool pool = config.build("mapping", warnings)) {
            boolean nativeAccess = PagePool.class.getModule().isNativeAccessEnabled();
            assertEquals(config.mmap() && nativeAccess, pool.usesMmap(), "mmap only when preferred and allowed");
            assertEquals(config.mapping(), pool.mapping());
            List<Page> pages = new ArrayList<>();
            int perSlab = (int) (PoolConfig.SLAB_BYTES / config.pageSize());
            for (int i = 0; i < 3 * perSlab; i++) {
                pages.add(pool.alloc());
            }
            List<Slab> slabs;
            pool.control().slabs().lock.lock();
            try {
                slabs = pool.control().slabs().slabsLocked();
            } finally {
                pool.control().slabs().lock.unlock();
            }
            assertTrue(slabs.size() >= 3);
            long fellBack = slabs.stream().filter(s -> s.mapping() != config.mapping()).count();
            assertEquals(fellBack, pool.stats().mappingFallbacks(), "every fallback is counted");
            for (Slab slab : slabs) {
                assertTrue(slab.mapping() == config.mapping() || slab.mapping() == Mapping.PREFAULT,
                        "a slab falls back to PREFAULT only: " + slab.mapping());
            }
            if (!pool.usesMmap() && config.mapping().needsNativeCalls()) {
                assertEquals(slabs.size(), fellBack, "arena slabs cannot be " + config.mapping());
                List<String> lines = warnings.containing(NativeMemory.NATIVE_ACCESS_FLAG);
                assertEquals(1, lines.size(), () -> "one warning naming the flag: " + warnings);
            }
            if (fellBack > 0) {
                assertEquals(1, warnings.lines().size(), () -> "one warning for all fallbacks: " + warnings);
                assertTrue(warnings.lines().getFirst().contains(pool.name()));
            } else {
                assertEquals(List.of(), warnings.lines());
            }
            for (Page page : pages) {
                page.buffer().putLong(0, page.address());
                assertEquals(page.address(), page.buffer().getLong(0));
                page.release();
            }
            Pools.auditAndClose(pool);
        }
    }
}
