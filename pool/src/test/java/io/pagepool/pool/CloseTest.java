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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code close()}: prompt when nothing is in flight; otherwise it keeps held pages' memory mapped,
 * refuses new allocations, reports the stall, and finishes once the pages come back. After the
 * memory is returned a stale view throws instead of touching unmapped memory.
 */
@SuppressWarnings("try") // pools are closed explicitly inside try-with-resources, which closes again (idempotent)
@Timeout(60)
class CloseTest {

    /** Records the listener's close events. */
    private static final class CloseListener implements PoolListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void closed(PagePool pool, long closeNanos) {
            events.add("closed");
        }

        @Override
        public void closeStalled(PagePool pool, long inflightPages, long parkedPages, long stalledNanos) {
            events.add("stalled " + inflightPages);
        }
    }

    private static PagePoolBuilder builder(boolean mmap, Warnings warnings) {
        return Pools.small("close", warnings).preferMmap(mmap);
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {true, false})
    void closingAPoolWithNothingInFlightReturnsEverySlabAtOnce(boolean mmap) throws Exception {
        CloseListener listener = new CloseListener();
        try (PagePool pool = builder(mmap, new Warnings()).listener(listener).build()) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                pages.add(pool.alloc());
            }
            ByteBuffer fragment = pool.allocFragment(100);
            pages.forEach(Page::release);
            pool.release(fragment);
            assertTrue(pool.stats().bytesMapped() > 0);
            pool.close();
            assertTrue(pool.isClosed());
            assertTrue(pool.isFullyClosed(), "fully closed as close() returns: " + pool.stats());
            assertEquals(0, pool.stats().bytesMapped());
            assertTrue(pool.awaitClosed(Duration.ofSeconds(5)));
            PoolStats stats = pool.stats();
            assertEquals(stats.slabsMapped(), stats.slabsUnmapped(), "every slab mapped was unmapped");
            assertEquals(0, stats.inflightPages());
            assertEquals(List.of("closed"), listener.events);
            pool.close(); // idempotent
            assertEquals(List.of("closed"), listener.events);
        }
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {true, false})
    void closingWithPagesInFlightKeepsTheirMemoryRefusesAllocationAndFinishesWhenTheyComeBack(boolean mmap)
            throws Exception {
        Warnings warnings = new Warnings();
        CloseListener listener = new CloseListener();
        try (PagePool pool = builder(mmap, warnings).listener(listener).build()) {
            List<Page> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Page page = pool.alloc();
                page.buffer().putLong(0, 1000 + i);
                held.add(page);
            }
            ByteBuffer sized = pool.allocBuffer(64);
            sized.putInt(0, 77);
            for (int i = 0; i < 100; i++) {
                pool.alloc().release();
            }
            pool.close();
            assertTrue(pool.isClosed());
            assertFalse(pool.isFullyClosed());
            assertTrue(pool.stats().bytesMapped() > 0, "held pages keep their slab mapped");
            assertFalse(pool.awaitClosed(Duration.ofMillis(100)), "not while pages are held");

            // the held memory is still mapped: readable and writable
            for (int i = 0; i < held.size(); i++) {
                ByteBuffer view = held.get(i).buffer();
                assertEquals(1000 + i, view.getLong(0));
                view.putLong(view.capacity() - 8, -i);
                assertEquals(-i, view.getLong(view.capacity() - 8));
            }
            assertEquals(77, sized.getInt(0));

            long waivesBefore = pool.stats().waiveClosed();
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::alloc);
            assertTrue(e.getMessage().contains(pool.name()) && e.getMessage().contains("closed"), e.getMessage());
            assertNull(pool.tryAlloc());
            assertNull(pool.tryAllocBuffer(10));
            assertThrows(IllegalStateException.class, () -> pool.allocBuffer(10));
            assertThrows(IllegalStateException.class, () -> pool.allocFragment(10));
            assertEquals(0, pool.allocBulk(new Page[4], 4));
            Pools.runOnNewThread("other", () -> assertNull(pool.tryAlloc()));
            assertEquals(waivesBefore + 7, pool.stats().waiveClosed(), "every refused allocation is a waive");
            assertTrue(pool.stats().allocWaive() >= 7);
            assertEquals(4, pool.stats().inflightPages());

            held.removeFirst().release();
            assertTrue(pool.stats().bytesMapped() > 0, "still mapped: three pages held");
            held.forEach(Page::release);
            assertFalse(pool.isFullyClosed(), "one buffer is still held");
            pool.release(sized);
            assertTrue(pool.awaitClosed(Duration.ofSeconds(10)), "closes once the last page came back");
            assertTrue(pool.isFullyClosed());
            PoolStats stats = pool.stats();
            assertEquals(0, stats.bytesMapped());
            assertEquals(0, stats.inflightPages());
            assertEquals(stats.allocPages(), stats.releasePages());
            assertEquals(stats.slabsMapped(), stats.slabsUnmapped());
            assertTrue(listener.events.contains("closed"));
        }
    }

    @ParameterizedTest(name = "stats={0}")
    @ValueSource(booleans = {true, false})
    void aCloseStalledByAHeldPageReportsItInOneWarningLine(boolean stats) throws Exception {
        Warnings warnings = new Warnings();
        CloseListener listener = new CloseListener();
        try (PagePool pool = Pools.small("stall", warnings).stats(stats).listener(listener).build()) {
            Page held = pool.alloc();
            pool.alloc().release();
            pool.close();
            // the first report comes after about a second of stall; wait for it, bounded
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((warnings.containing("close has waited").isEmpty() || listener.events.isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = warnings.containing("close has waited");
            assertEquals(1, lines.size(), () -> "one stall warning: " + warnings);
            String line = lines.getFirst();
            assertTrue(line.contains(pool.name()), line);
            assertTrue(line.contains("1 pages still held"), () -> "reports the one held page: " + line);
            assertTrue(line.contains(String.valueOf(pool.stats().bytesMapped())), line);
            assertTrue(listener.events.contains("stalled 1"), () -> "the listener hears it: " + listener.events);
            assertFalse(pool.isFullyClosed());
            held.release();
            assertTrue(pool.awaitClosed(Duration.ofSeconds(10)));
        }
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {true, false})
    void aStaleViewOfAReturnedSlabThrowsIllegalStateExceptionInsteadOfCrashing(boolean mmap) throws Exception {
        try (PagePool pool = builder(mmap, new Warnings()).build()) {
            Page page = pool.alloc();
            ByteBuffer view = page.buffer();
            ByteBuffer slice = view.slice(8, 8);
            ByteBuffer fragment = pool.allocFragment(32);
            view.putLong(0, 42);
            page.release();
            pool.release(fragment);
            pool.close();
            assertTrue(pool.awaitClosed(Duration.ofSeconds(10)));
            assertEquals(0, pool.stats().bytesMapped());
            assertThrows(IllegalStateException.class, () -> view.getLong(0));
            assertThrows(IllegalStateException.class, () -> view.put(0, (byte) 1));
            assertThrows(IllegalStateException.class, () -> slice.getLong(0));
            assertThrows(IllegalStateException.class, () -> fragment.get(0));
            assertThrows(IllegalStateException.class,
                    () -> page.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
            assertThrows(IllegalArgumentException.class, () -> pool.release(view), "no longer this pool's memory");
        }
    }

    @Test
    void closingAPoolThatNeverMappedAnythingIsFullyClosedAtOnce() throws Exception {
        try (PagePool pool = Pools.small("close-unused", new Warnings()).build()) {
            pool.close();
            assertTrue(pool.isFullyClosed());
            assertTrue(pool.awaitClosed(Duration.ZERO));
            assertNull(pool.tryAlloc());
        }
    }

    @Test
    void awaitClosedOnAnOpenPoolWaitsForTheTimeoutAndSaysNo() throws Exception {
        try (PagePool pool = Pools.small("close-open", new Warnings()).build()) {
            pool.alloc().release();
            assertFalse(pool.awaitClosed(Duration.ofMillis(50)));
            assertFalse(pool.isClosed());
            Pools.auditAndClose(pool);
        }
    }

    /**
     * Four threads keep allocating, writing every page whole and reading it back while the pool
     * closes under them: no held page loses its memory (an access would throw or crash), the
     * threads see the close as null / IllegalStateException, and once they release what they hold
     * and end, the pool is fully closed.
     */
    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {true, false})
    void closingUnderConcurrentUseNeverUnmapsAHeldPage(boolean mmap) throws Exception {
        try (PagePool pool = builder(mmap, new Warnings()).slabBytes(64 << 10).cacheCapacity(16).ringCapacity(32)
                .build()) {
            int pageSize = pool.pageSize();
            java.util.concurrent.atomic.AtomicLong allocations = new java.util.concurrent.atomic.AtomicLong();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long stamp = t + 1;
                threads.add(Thread.ofPlatform().start(() -> {
                    java.util.ArrayDeque<Page> held = new java.util.ArrayDeque<>();
                    try {
                        while (true) {
                            Page page = pool.tryAlloc();
                            if (page == null) {
                                if (pool.isClosed()) {
                                    break;
                                }
                                throw new AssertionError("tryAlloc gave null on an open pool: " + pool.stats());
                            }
                            allocations.incrementAndGet();
                            for (int off = 0; off < pageSize; off += 8) {
                                page.buffer().putLong(off, stamp);
                            }
                            held.add(page);
                            for (Page h : held) {
                                if (h.buffer().getLong(pageSize - 8) != stamp) {
                                    throw new AssertionError(h + " was overwritten");
                                }
                            }
                            if (held.size() > 8) {
                                held.poll().release();
                            }
                        }
                        for (Page h : held) { // still mapped after close: they are held
                            for (int off = 0; off < pageSize; off += 8) {
                                if (h.buffer().getLong(off) != stamp) {
                                    throw new AssertionError(h + " lost its contents at close");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        held.forEach(Page::release);
                    }
                }));
            }
            while (allocations.get() < 20_000 && threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(1);
            }
            pool.close();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), failures);
            assertTrue(pool.awaitClosed(Duration.ofSeconds(20)), () -> "fully closed: " + pool.stats());
            PoolStats stats = pool.stats();
            assertEquals(0, stats.bytesMapped());
            assertEquals(0, stats.inflightPages());
            assertEquals(stats.allocPages(), stats.releasePages());
        }
    }

    @Test
    void pagesParkedInTheCacheOfALiveThreadComeBackWhenThatThreadEnds() throws Exception {
        try (PagePool pool = Pools.small("close-parked", new Warnings()).build()) {
            CountDownLatch parked = new CountDownLatch(1);
            CountDownLatch end = new CountDownLatch(1);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            Thread owner = Thread.ofPlatform().start(() -> {
                try {
                    List<Page> pages = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        pages.add(pool.alloc());
                    }
                    pages.forEach(Page::release); // parked in this thread's cache
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    parked.countDown();
                }
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            parked.await();
            assertEquals(List.of(), failures);
            pool.close();
            assertTrue(pool.stats().bytesMapped() > 0, "the live thread's cache still holds pages");
            assertEquals(0, pool.stats().inflightPages(), "nothing is held by the application");
            end.countDown();
            owner.join();
            assertTrue(pool.awaitClosed(Duration.ofSeconds(20)), "the close monitor reclaims the ended thread's cache");
            assertEquals(0, pool.stats().bytesMapped());
        }
    }

    /**
     * "Pages parked in caches of live threads go back at those threads' next call": whatever the
     * call. A thread parks pages in its cache, the pool closes, the thread makes one call (which
     * the closed pool refuses), and the pool must then be fully closed without that thread ending.
     */
    @ParameterizedTest(name = "next call: {0}")
    @ValueSource(strings = {"tryAlloc", "alloc", "tryAllocBuffer", "allocBulk", "allocFragment", "release"})
    void aLiveThreadsNextCallAfterCloseReturnsThePagesParkedInItsCache(String call) throws Exception {
        try (PagePool pool = Pools.small("close-next-call", new Warnings()).build()) {
            Page held = pool.alloc(); // for the "release" call
            java.util.concurrent.SynchronousQueue<String> toThread = new java.util.concurrent.SynchronousQueue<>();
            java.util.concurrent.SynchronousQueue<String> fromThread = new java.util.concurrent.SynchronousQueue<>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    Page[] pages = new Page[32];
                    pool.allocBulk(pages, 32);
                    pool.releaseBulk(pages, 32); // parked in this thread's cache
                    fromThread.put("parked");
                    toThread.take(); // the pool is closed now
                    try {
                        switch (call) {
                            case "tryAlloc" -> pool.tryAlloc();
                            case "alloc" -> pool.alloc();
                            case "tryAllocBuffer" -> pool.tryAllocBuffer(10);
                            case "allocBulk" -> pool.allocBulk(new Page[4], 4);
                            case "allocFragment" -> pool.allocFragment(10);
                            case "release" -> held.release();
                            default -> throw new IllegalArgumentException(call);
                        }
                    } catch (IllegalStateException refused) {
                        // a closed pool refuses allocations
                    }
                    fromThread.put("called");
                    toThread.take(); // stay alive until the test is done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertEquals("parked", fromThread.poll(10, TimeUnit.SECONDS));
                pool.close();
                assertTrue(pool.stats().bytesMapped() > 0, "the live thread's cache keeps its pages");
                toThread.put("go");
                assertEquals("called", fromThread.poll(10, TimeUnit.SECONDS));
                if (!call.equals("release")) {
                    held.release();
                }
                assertTrue(thread.isAlive());
                assertTrue(pool.awaitClosed(Duration.ofSeconds(5)),
                        () -> "fully closed after the thread's " + call + "(): " + pool.stats());
            } finally {
                toThread.offer("end", 10, TimeUnit.SECONDS);
                thread.join();
            }
        }
    }

    @Test
    void aPageReleasedAfterCloseOnAnotherThreadGoesBackToTheOs() throws Exception {
        try (PagePool pool = Pools.small("close-other", new Warnings()).build()) {
            Page page = pool.alloc();
            pool.close();
            Pools.runOnNewThread("releaser", page::release);
            assertTrue(pool.awaitClosed(Duration.ofSeconds(10)));
            assertEquals(0, pool.stats().inflightPages());
            assertEquals(0, pool.stats().bytesMapped());
        }
    }
}
