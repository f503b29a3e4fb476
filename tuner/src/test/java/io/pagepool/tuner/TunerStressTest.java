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
package io.pagepool.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.testkit.LineLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tuner stepping every millisecond (hair-trigger periods, so caches are drained, stolen from
 * and grown all the time) while four threads allocate and release, half of the releases on
 * another thread: no allocation fails, every page has one holder at a time, and the pool's
 * accounting balances at the end.
 */
class TunerStressTest {
    static final long RUN_NANOS = Duration.ofMillis(1500).toNanos();
    /** On a loaded machine the workers go on past RUN_NANOS until the tuner has acted, up to this. */
    static final long MAX_RUN_NANOS = Duration.ofSeconds(30).toNanos();
    static final int MIN_DECISIONS = 10;
    /** Pages waiting for one receiver at most: a descheduled receiver must not drain the budget. */
    static final int INBOX_LIMIT = 1000;

    @Test
    void shouldNeverFailOrDoubleHandAnAllocationWhileTheTunerMovesEveryKnob() throws Exception {
        LineLog log = new LineLog();
        TunerOptions options = TunerOptions.builder().interval(Duration.ofMillis(1)).debugLog(log::add)
                .cacheCapacityRange(1, 512).maxRefillBatch(256).minRingCapacity(1).quietSteps(1).idleSteps(3)
                .maxSlabReserve(2).ringPagesReturnedPerStep(64).build();
        Map<Page, String> holders = new ConcurrentHashMap<>();
        AtomicReference<String> violation = new AtomicReference<>();
        AtomicLong allocations = new AtomicLong();
        List<Queue<Page>> inboxes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inboxes.add(new LinkedBlockingQueue<>(INBOX_LIMIT));
        }
        // budget: held (4 x 400) + inboxes (4 x INBOX_LIMIT) + other threads' caches + the ring fit easily
        try (PagePool pool = Pools.small().maxMemoryBytes(128L << 20).build();
             Tuner tuner = Tuner.start(pool, options)) {
            CountDownLatch done = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int me = t;
                threads.add(Thread.ofPlatform().name("stress-" + t).start(() -> {
                    try {
                        run(pool, tuner, me, inboxes, holders, violation, allocations);
                    } catch (Throwable e) {
                        violation.compareAndSet(null, Thread.currentThread().getName() + ": " + e);
                    } finally {
                        done.countDown();
                    }
                }));
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "workers finished");
            for (Thread t : threads) {
                t.join();
            }
            for (Queue<Page> inbox : inboxes) { // what was handed over after its receiver stopped
                for (Page p; (p = inbox.poll()) != null; ) {
                    release(p, holders, violation);
                }
            }
            assertNull(violation.get());
            assertTrue(tuner.decisions() > 0, "the tuner moved knobs meanwhile");
            PoolStats s = pool.stats();
            assertEquals(0, s.allocWaive(), "no allocation failed");
            assertEquals(0, s.inflightPages());
            assertEquals(allocations.get(), s.allocPages());
            assertTrue(holders.isEmpty());
        }
    }

    private static void run(PagePool pool, Tuner tuner, int me, List<Queue<Page>> inboxes, Map<Page, String> holders,
                            AtomicReference<String> violation, AtomicLong allocations) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = Thread.currentThread().getName();
        Page[] held = new Page[400];
        long start = System.nanoTime();
        while (violation.get() == null && keepGoing(System.nanoTime() - start, tuner)) {
            int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
            for (int i = 0; i < n; i++) {
                Page p = pool.tryAlloc();
                if (p == null) {
                    violation.compareAndSet(null, name + ": allocation failed");
                    return;
                }
                allocations.incrementAndGet();
                String previous = holders.putIfAbsent(p, name);
                if (previous != null) {
                    violation.compareAndSet(null, p + " handed to " + name + " while held by " + previous);
                }
                held[i] = p;
            }
            for (int i = 0; i < n; i++) {
                Queue<Page> inbox = inboxes.get((me + 1 + random.nextInt(3)) % 4);
                // released by another thread, unless that thread is descheduled and its inbox piles up
                if (!random.nextBoolean() || !inbox.offer(held[i])) {
                    release(held[i], holders, violation);
                }
                held[i] = null;
            }
            for (Page p; (p = inboxes.get(me).poll()) != null; ) {
                release(p, holders, violation);
            }
        }
    }

    private static boolean keepGoing(long ranNanos, Tuner tuner) {
        return ranNanos < RUN_NANOS || (ranNanos < MAX_RUN_NANOS && tuner.decisions() < MIN_DECISIONS);
    }

    private static void release(Page p, Map<Page, String> holders, AtomicReference<String> violation) {
        if (holders.remove(p) == null) {
            violation.compareAndSet(null, p + " released but held by no one");
        }
        p.release();
    }
}
