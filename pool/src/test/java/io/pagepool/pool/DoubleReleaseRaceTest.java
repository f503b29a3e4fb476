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

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.junit.jupiter.api.Test;

/**
 * Two threads release one page at once, round after round (an application bug: a racing double
 * release). Whatever the mode, the pool's own structures must stay sound: every slab's free list,
 * the counters and the in-flight gauge add up once the racers' caches are drained, and 4,096
 * allocations then hand out 4,096 distinct pages, each keeping the owner stamp written into it.
 * In strict mode exactly one of the two releases of each round throws, naming the page.
 */
class DoubleReleaseRaceTest {
    /** Rounds at most; the non-strict race stops earlier once {@value #ENOUGH_DOUBLES} rounds let both through. */
    private static final int ROUNDS = Integer.getInteger("pagepool.race.rounds", 30_000);
    private static final int ENOUGH_DOUBLES = 20;
    private static final int STRICT_ROUNDS = Math.min(ROUNDS, 20_000);
    private static final int STAMPED_PAGES = 4096;

    /** Per round played: how many of the two releases returned; failures other than the expected ISE. */
    private record Outcome(int[] returned, int rounds, Queue<String> failures) {
    }

    @Test
    void racingDoubleReleasesNeverCorruptThePool() throws Exception {
        try (PagePool pool = racePool("race", false)) {
            Outcome outcome = race(pool, ROUNDS);
            assertTrue(outcome.failures().isEmpty(), () -> "only IllegalStateException may be thrown: "
                    + outcome.failures());
            int bothReturned = 0;
            for (int round = 0; round < outcome.rounds(); round++) {
                bothReturned += outcome.returned()[round] == 2 ? 1 : 0;
            }
            System.out.println("double release race: both releases returned in " + bothReturned + " of "
                    + outcome.rounds() + " rounds");
            assertSoundAfterwards(pool);
            assertEquals(bothReturned, pool.audit().doubleReturnsDropped(),
                    "every round that let both releases through left one copy, which a slab dropped");
        }
    }

    @Test
    void inStrictModeExactlyOneOfTwoRacingReleasesThrowsNamingThePage() throws Exception {
        try (PagePool pool = racePool("race-strict", true)) {
            Outcome outcome = race(pool, STRICT_ROUNDS);
            assertTrue(outcome.failures().isEmpty(), () -> "strict: " + outcome.failures());
            assertEquals(STRICT_ROUNDS, outcome.rounds());
            for (int round = 0; round < STRICT_ROUNDS; round++) {
                int r = round;
                assertEquals(1, outcome.returned()[round], () -> "round " + r + ": releases that returned");
            }
            assertSoundAfterwards(pool);
            assertEquals(0, pool.audit().doubleReturnsDropped(), "strict mode lets no double release through");
        }
    }

    private static PagePool racePool(String purpose, boolean strict) {
        return Pools.small(purpose, new Warnings()).maxMemoryBytes(32 << 20).cacheCapacity(64).refillBatch(16)
                .ringCapacity(64).strict(strict).build();
    }

    /**
     * A holder thread allocates one page per round and hands it to two racer threads, which release
     * it at the same moment; each racer records whether its release returned or threw. All three
     * threads end, so that their caches, which may hold a page twice, can be reclaimed.
     */
    private static Outcome race(PagePool pool, int maxRounds) throws InterruptedException {
        int[] returned = new int[maxRounds];
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicReferenceArray<Page> pages = new AtomicReferenceArray<>(maxRounds + 1);
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger returnedCount = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger(maxRounds); // lowered by the holder to stop early
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            racers.add(Thread.ofPlatform().name("racer-" + t).start(() -> {
                for (int round = 0; round < rounds.get(); round++) {
                    awaitAtLeast(go, round);
                    Page page = pages.get(round);
                    if (page == null) {
                        break; // the holder stopped early
                    }
                    try {
                        page.release();
                        returnedCount.incrementAndGet();
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().contains(page.toString())) {
                            failures.add("round " + round + ": the exception does not name " + page + ": " + e);
                        }
                    } catch (RuntimeException | Error e) {
                        failures.add("round " + round + ": " + e);
                    }
                    done.incrementAndGet();
                }
            }));
        }
        Pools.runOnNewThread("race-holder", () -> {
            int doubles = 0;
            for (int round = 0; round < maxRounds; round++) {
                if (doubles >= ENOUGH_DOUBLES) {
                    rounds.set(round);
                    go.set(round); // the racers find no page for this round and stop
                    break;
                }
                pages.set(round, pool.alloc());
                go.set(round);
                awaitAtLeast(done, 2 * (round + 1));
                returned[round] = returnedCount.getAndSet(0);
                doubles += returned[round] == 2 ? 1 : 0;
            }
        });
        for (Thread racer : racers) {
            racer.join();
        }
        return new Outcome(returned, rounds.get(), failures);
    }

    private static void awaitAtLeast(AtomicInteger value, int wanted) {
        for (int spins = 0; value.get() < wanted; spins++) {
            if (spins < 200) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // two cores shared with other builds: let the other side run
            }
        }
    }

    /**
     * Drains every cache the race used and the ring into the slabs, audits, then allocates
     * {@value #STAMPED_PAGES} pages, stamps each with its index and checks that none was handed out
     * twice and every stamp survived, and audits again.
     */
    private static void assertSoundAfterwards(PagePool pool) throws InterruptedException {
        pool.reclaimEndedThreadCaches();
        pool.returnRingPages(Integer.MAX_VALUE);
        Pools.assertConsistent(pool, List.of());
        List<Page> held = new ArrayList<>();
        Set<Page> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < STAMPED_PAGES; i++) {
            Page page = pool.alloc();
            page.segment().set(ValueLayout.JAVA_INT, 0, i);
            held.add(page);
            distinct.add(page);
        }
        assertEquals(STAMPED_PAGES, distinct.size(), "pages handed out twice among " + STAMPED_PAGES);
        for (int i = 0; i < STAMPED_PAGES; i++) {
            assertEquals(i, held.get(i).segment().get(ValueLayout.JAVA_INT, 0), "the stamp of holder " + i);
        }
        Pools.assertConsistent(pool, held);
        held.forEach(Page::release);
        Pools.assertConsistent(pool, List.of());
    }
}
