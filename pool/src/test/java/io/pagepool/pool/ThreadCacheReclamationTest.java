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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Caches of platform threads that have ended are reclaimed: they leave {@code cacheStats()},
 * their pages become usable by other threads, and no counter goes backwards.
 */
@Timeout(60)
class ThreadCacheReclamationTest {
    private static final long SLAB = 64 << 10; // 16 pages of 4 KiB

    /** Starts a platform thread that allocates {@code n} pages, releases them into its cache, and ends. */
    private static Thread parkPagesAndEnd(PagePool pool, int n, Set<Page> seen, AtomicLong threadId)
            throws InterruptedException {
        return Pools.runOnNewThread("parker-" + pool.name(), () -> {
            threadId.set(Thread.currentThread().threadId());
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pages.add(pool.alloc());
            }
            synchronized (seen) {
                seen.addAll(pages);
            }
            pages.forEach(Page::release);
        });
    }

    private static boolean listed(PagePool pool, long threadId) {
        return pool.cacheStats().stream().anyMatch(c -> c.threadId() == threadId);
    }

    @Test
    void reclaimingTheCacheOfAnEndedThreadMakesItsPagesUsableAndKeepsTheCounters() throws Exception {
        // one slab: the ended thread's cache holds every page of the budget
        try (PagePool pool = Pools.small("reclaim", new Warnings()).slabBytes(SLAB).maxMemoryBytes(SLAB).build()) {
            Set<Page> parked = Collections.newSetFromMap(new IdentityHashMap<>());
            AtomicLong id = new AtomicLong();
            parkPagesAndEnd(pool, 16, parked, id);
            assertTrue(listed(pool, id.get()), "listed until reclaimed");
            CacheStats dead = pool.cacheStats().stream().filter(c -> c.threadId() == id.get()).findFirst()
                    .orElseThrow();
            assertEquals(16, dead.size(), "its pages are parked in its cache");
            PoolStats before = pool.stats();
            int threadCachesBefore = before.threadCaches();

            assertEquals(1, pool.reclaimEndedThreadCaches());
            assertTrue(!listed(pool, id.get()), "no longer listed");
            PoolStats after = pool.stats();
            assertEquals(threadCachesBefore - 1, after.threadCaches());
            assertCountersDidNotGoBackwards(before, after);
            assertEquals(0, pool.reclaimEndedThreadCaches(), "nothing left to reclaim");
            Pools.assertConsistent(pool, List.of());

            // its pages are usable by this thread: the budget holds nothing else
            List<Page> mine = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                mine.add(pool.alloc());
            }
            Set<Page> mineSet = Collections.newSetFromMap(new IdentityHashMap<>());
            mineSet.addAll(mine);
            assertEquals(parked, mineSet, "the same 16 pages");
            assertCountersDidNotGoBackwards(after, pool.stats());
            mine.forEach(Page::release);
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void theNextThreadToRegisterReclaimsTheCachesOfEndedThreads() throws Exception {
        try (PagePool pool = Pools.small("reclaim-register", new Warnings()).slabBytes(SLAB).maxMemoryBytes(SLAB)
                .build()) {
            Set<Page> parked = Collections.newSetFromMap(new IdentityHashMap<>());
            AtomicLong first = new AtomicLong();
            AtomicLong second = new AtomicLong();
            parkPagesAndEnd(pool, 16, parked, first);
            PoolStats before = pool.stats();
            // a new thread registers (reclaiming the first) and takes all 16 pages of the budget
            Set<Page> taken = Collections.newSetFromMap(new IdentityHashMap<>());
            parkPagesAndEnd(pool, 16, taken, second);
            assertTrue(!listed(pool, first.get()), "reclaimed at the second thread's registration");
            assertEquals(parked, taken, "the second thread got the first one's pages");
            assertCountersDidNotGoBackwards(before, pool.stats());
            Pools.assertConsistent(pool, List.of());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void anAllocationThatFindsTheBudgetSpentReclaimsEndedThreadsBeforeGivingUp() throws Exception {
        try (PagePool pool = Pools.small("reclaim-refill", new Warnings()).slabBytes(SLAB).maxMemoryBytes(SLAB)
                .build()) {
            List<Page> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.alloc()); // registers this thread and takes every page of the budget
            }
            // another thread releases them into its own cache, then ends
            Thread releaser = Pools.runOnNewThread("releaser", () -> all.forEach(Page::release));
            assertTrue(listed(pool, releaser.threadId()));
            PoolStats before = pool.stats();

            List<Page> again = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                again.add(pool.alloc()); // empty cache, spent budget: the refill reclaims the ended cache
            }
            Set<Page> expected = Collections.newSetFromMap(new IdentityHashMap<>());
            expected.addAll(all);
            Set<Page> got = Collections.newSetFromMap(new IdentityHashMap<>());
            got.addAll(again);
            assertEquals(expected, got, "the ended thread's pages");
            assertTrue(!listed(pool, releaser.threadId()));
            assertEquals(0, pool.stats().waiveBudget(), "no allocation failed");
            assertCountersDidNotGoBackwards(before, pool.stats());
            again.forEach(Page::release);
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void manyShortLivedThreadsLeaveNoCachesBehind() throws Exception {
        try (PagePool pool = Pools.small("reclaim-many", new Warnings()).build()) {
            for (int round = 0; round < 50; round++) {
                Pools.runOnNewThread("short-lived-" + round, () -> {
                    List<Page> pages = new ArrayList<>();
                    for (int i = 0; i < 70; i++) {
                        pages.add(pool.alloc());
                    }
                    pages.forEach(Page::release);
                });
            }
            pool.reclaimEndedThreadCaches();
            PoolStats stats = pool.stats();
            int stripes = (int) pool.cacheStats().stream().filter(CacheStats::virtualStripe).count();
            assertEquals(stripes, stats.threadCaches(), "only the stripes are left");
            assertEquals(50L * 70, stats.allocPages());
            assertEquals(stats.allocPages(), stats.releasePages());
            assertTrue(stats.bytesMapped() <= 2 * (256 << 10), "pages were reused, not mapped anew: " + stats);
            Pools.auditAndClose(pool);
        }
    }

    private static void assertCountersDidNotGoBackwards(PoolStats before, PoolStats after) {
        long[] b = counters(before);
        long[] a = counters(after);
        for (int i = 0; i < b.length; i++) {
            int index = i;
            assertTrue(a[i] >= b[i], () -> "counter " + index + " went backwards: " + before + " -> " + after);
        }
        assertEquals(before.allocPages() - before.releasePages(), before.inflightPages());
        assertEquals(after.allocPages() - after.releasePages(), after.inflightPages());
    }

    private static long[] counters(PoolStats s) {
        return new long[] {s.allocFast(), s.allocSlow(), s.allocSlowHighOrder(), s.allocEmpty(), s.allocRefill(),
                s.allocWaive(), s.recycleCached(), s.recycleCacheFull(), s.recycleRing(), s.recycleRingFull(),
                s.recycleReleasedRefcnt(), s.allocPages(), s.releasePages(), s.waiveBudget(), s.waiveSize(),
                s.waiveClosed(), s.slabsMapped(), s.slabsUnmapped()};
    }

    /**
     * More live threads than the registry's id slots ({@link CacheRegistry#ID_SLOTS}), so that
     * some threads' ids collide and they find their cache through the ThreadLocal: every thread
     * still gets its own cache, never another thread's, and every page is in one place at the end.
     */
    @Test
    void moreLiveThreadsThanIdSlotsEachUseTheirOwnCache() throws Exception {
        int threads = CacheRegistry.ID_SLOTS + 44;
        try (PagePool pool = Pools.small("id-slots", new Warnings()).maxMemoryBytes(16 << 20).cacheCapacity(2)
                .build()) {
            java.util.concurrent.CyclicBarrier allAlive = new java.util.concurrent.CyclicBarrier(threads);
            java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                started.add(Thread.ofPlatform().name("id-slot-" + t).start(() -> {
                    try {
                        Page mine = pool.alloc(); // registers this thread's cache
                        allAlive.await(); // every thread is alive (and registered) at once
                        for (int i = 0; i < 200; i++) {
                            Page next = pool.alloc();
                            if (next == mine || next.refCount() != 1) {
                                problems.add(Thread.currentThread().getName() + " got a page it holds");
                            }
                            mine.release();
                            mine = next;
                        }
                        mine.release();
                    } catch (Exception e) {
                        problems.add(Thread.currentThread().getName() + ": " + e);
                    }
                }));
            }
            for (Thread thread : started) {
                thread.join();
            }
            assertTrue(problems.isEmpty(), problems.toString());
            List<CacheStats> caches = pool.cacheStats().stream().filter(c -> !c.virtualStripe()).toList();
            assertEquals(threads, caches.size(), "one cache per thread");
            for (CacheStats cache : caches) {
                assertTrue(cache.hits() >= 190, cache + ": its thread's allocations hit its own cache");
            }
            Pools.assertConsistent(pool, List.of());
        }
    }

    /**
     * A thread whose id slot was held by another live thread when it registered runs on the slow
     * path; once the holder ends, its next call takes the slot over and its allocations return to
     * the fast path (the cache's own fast-path counter moves again).
     */
    @Test
    void aThreadTakesOverTheIdSlotOfAThreadThatEnded() throws Exception {
        try (PagePool pool = Pools.small("slot-takeover", new Warnings()).build()) {
            java.util.concurrent.CountDownLatch holderRegistered = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch holderMayEnd = new java.util.concurrent.CountDownLatch(1);
            Thread holder = Thread.ofPlatform().name("slot-holder").start(() -> {
                pool.alloc().release();
                holderRegistered.countDown();
                try {
                    holderMayEnd.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holderRegistered.await();
            Thread.Builder builder = Thread.ofPlatform().name("slot-sharer");
            var failure = new java.util.concurrent.atomic.AtomicReference<String>();
            java.util.concurrent.CountDownLatch sharerRegistered = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch holderEnded = new java.util.concurrent.CountDownLatch(1);
            Runnable sharerBody = () -> {
                ThreadCache mine = pool.control().caches().local();
                for (int i = 0; i < 100; i++) {
                    pool.alloc().release();
                }
                long fastBefore = mine.fastAllocs;
                sharerRegistered.countDown();
                try {
                    holderEnded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 100; i++) {
                    pool.alloc().release();
                }
                if (fastBefore != 0) {
                    failure.set("with its slot taken, " + fastBefore + " allocations took the fast path");
                } else if (mine.fastAllocs < 99) {
                    failure.set("after the holder ended only " + mine.fastAllocs + " of 100 took the fast path");
                }
            };
            Thread sharer;
            do { // thread ids are handed out at construction: make threads until one shares the holder's slot
                sharer = builder.unstarted(sharerBody);
            } while (sharer.threadId() % CacheRegistry.ID_SLOTS != holder.threadId() % CacheRegistry.ID_SLOTS);
            sharer.start();
            sharerRegistered.await();
            holderMayEnd.countDown();
            holder.join();
            holderEnded.countDown();
            sharer.join();
            assertEquals(null, failure.get());
        }
    }
}
