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
package io.pagepool.agent.runtime;

import io.pagepool.pool.PoolStats;
import io.pagepool.pool.SizeClassPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.InvalidMarkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferSwapTest {
    /** One size class of 4 KiB: the swap's single-page-size behaviour ({@code pageSize=4096}). */
    private SizeClassPool pool;

    private BufferSwap swap(boolean zero, long maxMemoryBytes) {
        pool = SizeClassPool.builder().name("swap-test").minClassBytes(4096).maxClassBytes(4096).slabBytes(64 << 10)
                .maxMemoryBytes(maxMemoryBytes).zero(zero).build();
        return new BufferSwap(pool);
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private static long address(ByteBuffer buffer) {
        return MemorySegment.ofBuffer(buffer).address();
    }

    @Test
    void buffersLookLikeTheJdks() {
        BufferSwap swap = swap(true, 1 << 20);
        for (int capacity : new int[] {1, 100, 2048, 4096}) {
            ByteBuffer b = swap.allocateTracked(capacity);
            assertTrue(b.isDirect());
            assertFalse(b.isReadOnly());
            assertEquals(capacity, b.capacity());
            assertEquals(0, b.position());
            assertEquals(capacity, b.limit());
            assertEquals(ByteOrder.BIG_ENDIAN, b.order());
            assertNotNull(pool.findPage(b));
            assertTrue(swap.isPooled(b));
            assertTrue(swap.release(b, ReleasePath.API));
        }
        assertEquals(4, swap.swapped());
        assertEquals(4, swap.released(ReleasePath.API));
    }

    private static void assertNotNull(Object o) {
        assertTrue(o != null);
    }

    @Test
    void zeroFillsARecycledDirtyPageUnlessTurnedOff() {
        for (boolean zero : new boolean[] {true, false}) {
            BufferSwap swap = swap(zero, 1 << 20);
            ByteBuffer dirty = swap.allocateTracked(4096);
            long page = address(dirty);
            while (dirty.hasRemaining()) {
                dirty.put((byte) 0x5a);
            }
            assertTrue(swap.release(dirty, ReleasePath.API));
            ByteBuffer again = swap.allocateTracked(3000);
            assertEquals(page, address(again), "LIFO cache hands the same page back");
            int nonZero = 0;
            for (int i = 0; i < again.capacity(); i++) {
                nonZero += again.get(i) != 0 ? 1 : 0;
            }
            assertEquals(zero ? 0 : 3000, nonZero, "zero=" + zero);
            swap.release(again, ReleasePath.API);
            pool.close();
        }
    }

    @Test
    void largeAndEmptyRequestsGoToTheJdkAsWaives() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer large = swap.allocateTracked(4097);
        ByteBuffer empty = swap.allocateTracked(0);
        assertEquals(4097, large.capacity());
        assertTrue(large.isDirect());
        assertNull(pool.findPage(large));
        assertEquals(0, empty.capacity());
        assertFalse(swap.isPooled(large));
        assertFalse(swap.release(large, ReleasePath.API), "a JDK buffer is not the pool's");
        assertEquals(1, swap.released(ReleasePath.IGNORED_FOREIGN));
        assertEquals(2, swap.waived());
        assertEquals(1, pool.stats().waiveSize());
        assertEquals(0, pool.stats().allocPages());
    }

    @Test
    void swappedAndWaivedFromOneSnapshot() {
        BufferSwap swap = swap(true, 1 << 20);
        swap.allocateTracked(100);
        swap.allocateTracked(0);
        swap.allocateTracked(4097);
        PoolStats stats = pool.stats();
        assertEquals(swap.swapped(), swap.swapped(stats));
        assertEquals(swap.waived(), swap.waived(stats));
        assertEquals(1, swap.swapped(stats));
        assertEquals(2, swap.waived(stats), "the pool's size waive and the empty request");
        swap.allocateTracked(100);
        assertEquals(1, swap.swapped(stats), "the snapshot's figure");
        assertEquals(2, swap.swapped());
    }

    @Test
    void aSpentBudgetWaivesAtOnceWithoutGcOrWait() {
        BufferSwap swap = swap(true, 64 << 10); // one slab: 16 pages
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            held.add(swap.allocateTracked(4096));
        }
        ByteBuffer overBudget = swap.allocateTracked(4096);
        assertNull(pool.findPage(overBudget), "served by the JDK");
        assertEquals(4096, overBudget.capacity());
        PoolStats stats = pool.stats();
        assertEquals(1, stats.waiveBudget());
        assertEquals(16, stats.inflightPages());
        assertEquals(1, swap.waived());
        held.forEach(b -> assertTrue(swap.release(b, ReleasePath.API)));
        assertTrue(pool.findPage(swap.allocateTracked(4096)) != null, "pages again once released");
    }

    @Test
    void aReleaseWinsOnceAndStaleOrForeignBuffersChangeNothing() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer b = swap.allocateTracked(1000);
        ByteBuffer slice = b.slice(10, 20);
        assertFalse(swap.release(slice, ReleasePath.API), "a derived view is not the lease's buffer");
        assertFalse(swap.release(ByteBuffer.allocate(10), ReleasePath.API), "heap");
        assertFalse(swap.release(ByteBuffer.allocateDirect(10), ReleasePath.API), "JDK direct");
        assertFalse(swap.release(null, ReleasePath.API));
        assertEquals(1, pool.stats().inflightPages());
        assertTrue(swap.release(b, ReleasePath.METHOD));
        assertFalse(swap.release(b, ReleasePath.API), "double release");
        ByteBuffer next = swap.allocateTracked(1000); // same page, new lease
        assertEquals(address(b), address(next));
        assertFalse(swap.release(b, ReleasePath.API), "a stale buffer cannot release the page's new lease");
        assertTrue(swap.isPooled(next));
        assertFalse(swap.isPooled(b));
        assertEquals(1, pool.stats().inflightPages());
        assertEquals(2, swap.released(ReleasePath.IGNORED_FOREIGN));
        assertEquals(3, swap.released(ReleasePath.IGNORED_STALE));
        assertEquals(1, swap.released(ReleasePath.METHOD));
    }

    @Test
    void scopedBuffersAreReleasedByTheirBufferOnly() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer b = swap.allocateScoped(512);
        assertTrue(swap.isPooled(b));
        assertFalse(swap.release(b.duplicate(), ReleasePath.SCOPED));
        assertTrue(swap.release(b, ReleasePath.SCOPED));
        assertFalse(swap.release(b, ReleasePath.SCOPED));
        assertEquals(0, pool.stats().inflightPages());
    }

    /** A scoped view comes back with its page, as fresh as a new buffer: no heap per scoped lease. */
    @Test
    void aScopedViewIsRecycledWithItsPageAsFreshAsANewBuffer() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer first = swap.allocateScoped(512);
        first.putLong(0, -1L).put(511, (byte) 7);
        first.order(ByteOrder.LITTLE_ENDIAN).position(100).mark().limit(300).position(200);
        assertTrue(swap.release(first, ReleasePath.SCOPED));
        ByteBuffer again = swap.allocateScoped(512);
        assertSame(first, again, "the page's recycled view");
        assertEquals(512, again.capacity());
        assertEquals(0, again.position());
        assertEquals(512, again.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, again.order());
        assertThrows(InvalidMarkException.class, again::reset, "no mark");
        assertEquals(0L, again.getLong(0), "zeroed");
        assertEquals(0, again.get(511), "zeroed");
        assertTrue(swap.isPooled(again));
        assertTrue(swap.release(again, ReleasePath.SCOPED));
        assertFalse(swap.release(again, ReleasePath.SCOPED), "released once");
        assertEquals(0, pool.stats().inflightPages());
    }

    @Test
    void anotherCapacityGetsAViewOfItsOwn() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer small = swap.allocateScoped(100);
        assertTrue(swap.release(small, ReleasePath.SCOPED));
        ByteBuffer large = swap.allocateScoped(4096);
        assertEquals(address(small), address(large), "the same page");
        assertNotSame(small, large);
        assertEquals(4096, large.capacity());
        assertEquals(4096, large.limit());
        assertTrue(swap.release(large, ReleasePath.SCOPED));
        assertSame(large, swap.allocateScoped(4096), "the last capacity's view is kept");
    }

    /** A tracked lease's buffer is a new root view, never the page's recycled scoped view, which outlives it. */
    @Test
    void aTrackedLeaseOfThePageNeverGetsItsScopedView() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer scoped = swap.allocateScoped(512);
        assertTrue(swap.release(scoped, ReleasePath.SCOPED));
        ByteBuffer tracked = swap.allocateTracked(512);
        assertEquals(address(scoped), address(tracked), "the same page");
        assertNotSame(scoped, tracked);
        assertFalse(swap.release(scoped, ReleasePath.API), "the scoped view names no lease of the tracked holder");
        assertTrue(swap.isPooled(tracked));
        assertTrue(swap.release(tracked, ReleasePath.API));
        ByteBuffer secondTracked = swap.allocateTracked(512);
        assertEquals(address(tracked), address(secondTracked), "the same page");
        assertNotSame(tracked, secondTracked, "a tracked lease's view is never handed out again");
        assertTrue(swap.release(secondTracked, ReleasePath.API));
        assertSame(scoped, swap.allocateScoped(512), "the scoped view outlived the page's tracked leases");
    }

    /**
     * A scoped lease that a {@code release=} method ended (the analysis summarised that method) is
     * still held by its scoped release: its view must never name the page's next lease.
     */
    @Test
    void aScopedLeaseEndedByAnotherPathTakesItsViewOutOfCirculation() {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer held = swap.allocateScoped(512);
        assertTrue(swap.release(held, ReleasePath.METHOD));
        ByteBuffer next = swap.allocateScoped(512);
        assertEquals(address(held), address(next), "the same page");
        assertNotSame(held, next, "a new view: the old one is still held");
        assertFalse(swap.release(held, ReleasePath.SCOPED), "the late scoped release is stale");
        assertTrue(swap.isPooled(next), "the next holder keeps its lease");
        assertTrue(swap.release(next, ReleasePath.SCOPED));
        assertSame(next, swap.allocateScoped(512), "recycled again after a scoped release");
    }

    /** The reachability queue is polled only while a tracked lease is outstanding. */
    @Test
    void trackedLeasesAreCountedUntilTheyEnd() throws InterruptedException {
        BufferSwap swap = swap(true, 1 << 20);
        assertTrue(swap.release(swap.allocateScoped(100), ReleasePath.SCOPED));
        assertEquals(0, swap.trackedOutstanding(), "scoped leases are not tracked");
        ByteBuffer kept = swap.allocateTracked(100);
        swap.allocateTracked(100); // dropped
        assertEquals(2, swap.trackedOutstanding());
        assertTrue(swap.release(kept, ReleasePath.API));
        assertFalse(swap.release(kept, ReleasePath.API));
        assertEquals(1, swap.trackedOutstanding(), "ended by the explicit release, once");
        for (int i = 0; i < 50 && swap.trackedOutstanding() > 0; i++) {
            System.gc();
            Thread.sleep(10);
            swap.drainUnreachable();
        }
        assertEquals(0, swap.trackedOutstanding(), "ended by reachability");
        assertEquals(1, swap.released(ReleasePath.REACHABILITY));
        assertEquals(0, swap.drainUnreachable());
        assertEquals(0, pool.stats().inflightPages());
    }

    @Test
    void scopeCheckMakesEveryUseAfterReleaseThrow() {
        swap(true, 1 << 20);
        BufferSwap checked = new BufferSwap(pool, true);
        ByteBuffer b = checked.allocateScoped(100);
        ByteBuffer view = b.slice(10, 20);
        b.put(0, (byte) 7);
        assertEquals(100, b.capacity());
        assertTrue(checked.release(b, ReleasePath.SCOPED));
        assertThrows(IllegalStateException.class, () -> b.get(0), "the buffer died with its lease");
        assertThrows(IllegalStateException.class, () -> view.get(0), "so did its views");
        assertFalse(checked.release(b, ReleasePath.SCOPED), "released once");
        assertEquals(1, checked.released(ReleasePath.SCOPED));
    }

    /** The page comes back only once no view of it is reachable, and never while one is. */
    @Test
    void unreachableBuffersComeBackAfterGcAndNotBefore() throws InterruptedException {
        BufferSwap swap = swap(true, 1 << 20);
        ByteBuffer keep = swap.allocateTracked(100).slice(1, 50); // only a derived view stays reachable
        long keptPage = address(keep) - 1;
        for (int i = 0; i < 50; i++) {
            swap.allocateTracked(100); // dropped at once
        }
        int drained = 0;
        for (int i = 0; i < 50 && drained < 50; i++) {
            System.gc();
            Thread.sleep(10);
            drained += swap.drainUnreachable();
        }
        assertEquals(50, drained, "every dropped buffer's page came back");
        for (int i = 0; i < 200; i++) { // reuse everything that is free: the kept page is not among it
            ByteBuffer b = swap.allocateTracked(100);
            assertNotEquals(keptPage, address(b), "page handed out while a view of it is reachable");
            swap.release(b, ReleasePath.API);
        }
        assertEquals(0, keep.get(0), "the kept view still reads its own zeroed bytes");
        assertEquals(1, pool.stats().inflightPages());
        keep = null;
        for (int i = 0; i < 50 && swap.released(ReleasePath.REACHABILITY) < 51; i++) {
            System.gc();
            Thread.sleep(10);
            swap.drainUnreachable();
        }
        assertEquals(51, swap.released(ReleasePath.REACHABILITY));
        assertEquals(0, pool.stats().inflightPages());
    }

    /**
     * Four threads allocate, stamp, check and release (explicitly, racing a second releaser, or
     * by dropping): a page is never handed to two holders at once, and each lease is released once.
     */
    @Test
    void ownershipUnderConcurrentAllocationAndRacingReleases() throws Exception {
        BufferSwap swap = swap(true, 64 << 20);
        int threads = 4;
        int rounds = 20_000;
        AtomicInteger doubleWins = new AtomicInteger();
        AtomicInteger corrupt = new AtomicInteger();
        AtomicInteger races = new AtomicInteger();
        AtomicInteger explicitlyReleased = new AtomicInteger();
        ExecutorService pool2 = Executors.newFixedThreadPool(threads * 2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t + 1;
                futures.add(pool2.submit(() -> {
                    start.await();
                    ExecutorService racer = Executors.newSingleThreadExecutor();
                    try {
                        for (int i = 0; i < rounds; i++) {
                            ByteBuffer b = swap.allocateTracked(64);
                            long stamp = ((long) id << 32) | i;
                            b.putLong(0, stamp);
                            b.putLong(56, stamp);
                            Thread.onSpinWait();
                            if (b.getLong(0) != stamp || b.getLong(56) != stamp) {
                                corrupt.incrementAndGet();
                            }
                            boolean pooled = swap.isPooled(b); // else the budget was spent: a JDK buffer
                            switch (pooled ? i % 3 : 2) {
                                case 0 -> {
                                    assertTrue(swap.release(b, ReleasePath.API));
                                    explicitlyReleased.incrementAndGet();
                                }
                                case 1 -> {
                                    races.incrementAndGet();
                                    explicitlyReleased.incrementAndGet();
                                    Future<Boolean> other = racer.submit(() -> swap.release(b, ReleasePath.API));
                                    boolean mine = swap.release(b, ReleasePath.METHOD);
                                    boolean theirs = other.get();
                                    if (mine == theirs) {
                                        doubleWins.incrementAndGet();
                                    }
                                }
                                default -> { } // dropped: comes back by reachability
                            }
                        }
                    } finally {
                        racer.shutdown();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool2.shutdown();
        }
        assertEquals(0, corrupt.get(), "a page was shared by two holders");
        assertEquals(0, doubleWins.get(), "exactly one of two racing releases must win");
        assertTrue(races.get() > threads * rounds / 6, "most races were over pooled buffers: " + races);
        long explicit = swap.released(ReleasePath.API) + swap.released(ReleasePath.METHOD);
        assertEquals(explicitlyReleased.get(), explicit, "every explicitly released lease, once");
    }
}
