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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory budget: at the cap an allocation fails fast (exception or null), never blocks
 * (each test has a timeout; a blocked allocation would hit it), counts a waive, and works again
 * once pages come back. {@code bytesMapped} never exceeds {@code maxMemoryBytes}.
 */
@Timeout(30)
class BudgetExhaustionTest {
    private static final long SLAB = 64 << 10; // 16 pages of 4 KiB

    /** Records the waives the pool reports to its listener. */
    private static final class WaiveListener implements PoolListener {
        final List<WaiveReason> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void waived(PagePool pool, WaiveReason reason, long requestedBytes) {
            reasons.add(reason);
        }
    }

    private static void assertWithinBudget(PagePool pool) {
        PoolStats stats = pool.stats();
        assertTrue(stats.bytesMapped() <= pool.maxMemoryBytes(),
                () -> "bytesMapped " + stats.bytesMapped() + " > budget " + pool.maxMemoryBytes());
    }

    @ParameterizedTest(name = "budget of {0} slab(s)")
    @ValueSource(ints = {1, 2})
    void allocationAtTheBudgetFailsFastCountsAWaiveAndWorksAgainOncePagesComeBack(int slabs) throws Exception {
        WaiveListener listener = new WaiveListener();
        try (PagePool pool = Pools.small("budget", new Warnings()).slabBytes(SLAB).maxMemoryBytes(slabs * SLAB)
                .listener(listener).build()) {
            int capacity = (int) (slabs * SLAB / 4096);
            List<Page> held = new ArrayList<>();
            PoolExhaustedException exhausted = null;
            for (int i = 0; i <= capacity; i++) {
                try {
                    held.add(pool.alloc());
                } catch (PoolExhaustedException e) {
                    exhausted = e;
                    break;
                }
                assertWithinBudget(pool);
            }
            assertEquals(capacity, held.size(), "every page of the budget, then the exception");
            assertTrue(exhausted != null, "alloc() threw PoolExhaustedException at the budget");
            String message = exhausted.getMessage();
            assertTrue(message.contains(pool.name()), () -> "names the pool: " + message);
            assertTrue(message.contains(String.valueOf(slabs * SLAB)), () -> "names the budget: " + message);
            assertEquals(slabs * SLAB, pool.stats().bytesMapped());

            assertNull(pool.tryAlloc());
            assertNull(pool.tryAllocBuffer(100));
            assertThrows(PoolExhaustedException.class, () -> pool.allocBuffer(100));
            assertThrows(PoolExhaustedException.class, () -> pool.allocFragment(100));
            assertThrows(PoolExhaustedException.class, () -> pool.allocFragment(4096));
            Page[] bulk = new Page[8];
            assertEquals(0, pool.allocBulk(bulk, 8));
            // a thread that has nothing cached fails as fast
            AtomicReference<Object> other = new AtomicReference<>();
            Pools.runOnNewThread("other", () -> {
                try {
                    other.set(pool.tryAlloc() == null ? "null" : "a page");
                    pool.alloc();
                } catch (PoolExhaustedException e) {
                    other.set(other.get() + " then " + e.getClass().getSimpleName());
                }
            });
            assertEquals("null then PoolExhaustedException", other.get());
            assertWithinBudget(pool);

            PoolStats stats = pool.stats();
            assertEquals(9, stats.waiveBudget(), "alloc, tryAlloc, tryAllocBuffer, allocBuffer, 2 allocFragment, "
                    + "allocBulk, and the other thread's tryAlloc and alloc: " + stats);
            assertEquals(stats.waiveBudget(), stats.allocWaive());
            assertEquals(9, listener.reasons.stream().filter(r -> r == WaiveReason.BUDGET).count());
            assertEquals(capacity, stats.inflightPages());

            pool.countWaive(WaiveReason.SIZE, 1 << 20); // the agent's JDK fallback for a large request
            assertEquals(1, pool.stats().waiveSize());
            assertEquals(10, pool.stats().allocWaive());

            // pages come back: allocation works again, bulk gets fewer than asked
            for (int i = 0; i < 5; i++) {
                held.removeLast().release();
            }
            Page again = pool.alloc();
            held.add(again);
            Page[] out = new Page[8];
            assertEquals(4, pool.allocBulk(out, 8), "fewer than asked: only 4 pages are free");
            for (int i = 0; i < 4; i++) {
                held.add(out[i]);
            }
            assertEquals(10, pool.stats().waiveBudget(), "the short bulk counted a waive");
            assertNull(pool.tryAlloc());
            assertEquals(11, pool.stats().waiveBudget());
            assertWithinBudget(pool);
            Pools.assertConsistent(pool, held);
            for (Page page : held) {
                page.release();
            }
            Page[] all = new Page[capacity];
            assertEquals(capacity, pool.allocBulk(all, capacity), "all pages again");
            pool.releaseBulk(all, capacity);
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "budget of {0} slab(s)")
    @ValueSource(ints = {1, 2})
    void bulkAllocationAtTheBudgetReturnsFewerPagesAndNeverMapsPastIt(int slabs) throws Exception {
        try (PagePool pool = Pools.small("budget-bulk", new Warnings()).slabBytes(SLAB).maxMemoryBytes(slabs * SLAB)
                .refillBatch(5).build()) {
            int capacity = (int) (slabs * SLAB / 4096);
            Page[] out = new Page[capacity + 10];
            assertEquals(capacity, pool.allocBulk(out, out.length), "fewer than asked");
            assertWithinBudget(pool);
            assertEquals(1, pool.stats().waiveBudget());
            Page[] more = new Page[3];
            assertEquals(0, pool.allocBulk(more, 3));
            pool.releaseBulk(out, capacity);
            assertEquals(capacity, pool.allocBulk(out, capacity), "all of them again");
            assertWithinBudget(pool);
            pool.releaseBulk(out, capacity);
            Pools.auditAndClose(pool);
        }
    }

    @ParameterizedTest(name = "budget of {0} slab(s)")
    @ValueSource(ints = {1, 2})
    void manyThreadsRacingForTheLastPagesNeverPassTheBudget(int slabs) throws Exception {
        try (PagePool pool = Pools.small("budget-race", new Warnings()).slabBytes(SLAB).maxMemoryBytes(slabs * SLAB)
                .refillBatch(1).cacheCapacity(1).build()) {
            int capacity = (int) (slabs * SLAB / 4096);
            List<Page> all = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        Page page;
                        while ((page = pool.tryAlloc()) != null) {
                            all.add(page);
                            assertWithinBudget(pool);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(capacity, all.size(), "every page of the budget, each once");
            Set<Page> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            distinct.addAll(all);
            assertEquals(capacity, distinct.size(), "no page handed out twice");
            assertWithinBudget(pool);
            Pools.assertConsistent(pool, distinct);
            for (Page page : all) {
                page.release();
            }
            Pools.auditAndClose(pool);
        }
    }
}
