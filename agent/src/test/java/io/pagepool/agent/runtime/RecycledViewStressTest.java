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

import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recycled scoped views under four threads that allocate scoped and tracked leases of a few
 * capacities from one pool, so pages and their views move between threads through the ring: a
 * view is never handed to two holders at once (each holder stamps the view object as its own,
 * and the page's bytes with its id), comes back as fresh as a new buffer, and is never a tracked
 * lease's buffer.
 */
class RecycledViewStressTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 5_000;

    private SizeClassPool group;
    /** The group's one class, 4 KiB. */
    private PagePool pool;

    @AfterEach
    void close() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void aRecycledViewIsNeverHandedToTwoHolders() throws Exception {
        // small caches and refills: pages and their views cross threads through the ring often
        group = SizeClassPool.builder().name("recycled-views").minClassBytes(4096).maxClassBytes(4096)
                .slabBytes(64 << 10).maxMemoryBytes(16 << 20).cacheCapacity(4).refillBatch(2).zero(true).build();
        pool = group.classes().getFirst();
        BufferSwap swap = new BufferSwap(group);
        Holders holders = new Holders();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t + 1;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        holders.round(swap, id, round);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(0, holders.failures.get(), () -> holders.failures + " failures, first: " + holders.firstFailures);
        assertEquals(0, pool.stats().inflightPages());
        assertEquals(holders.scopedLeases.get(), swap.released(ReleasePath.SCOPED));
        assertTrue(holders.scopedViews.size() < holders.scopedLeases.get() / 10, holders.scopedViews.size()
                + " views for " + holders.scopedLeases + " scoped leases: recycled");
        assertTrue(pool.stats().recycleRing() > 0, "pages crossed threads through the ring");
    }

    /** The stress test's holders and what they saw. */
    private static final class Holders {
        final Map<ByteBuffer, Integer> owner = Collections.synchronizedMap(new IdentityHashMap<>());
        final Set<ByteBuffer> scopedViews = identitySet();
        final Set<ByteBuffer> trackedViews = identitySet();
        final AtomicLong scopedLeases = new AtomicLong();
        final AtomicInteger failures = new AtomicInteger();
        final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());

        /**
         * One activation of a method with up to five scoped sites: each takes a view, the holder
         * stamps it, a tracked lease comes and goes meanwhile, then each is checked and released.
         */
        void round(BufferSwap swap, int id, int round) {
            ByteBuffer[] held = new ByteBuffer[1 + round % 5];
            for (int site = 0; site < held.length; site++) {
                int capacity = round % 64 == 0 && site == 0 ? 1024 : 256;
                held[site] = take(swap, id, capacity, ((long) id << 32) | ((long) round << 4) | site);
            }
            if (round % 3 == 0) {
                ByteBuffer tracked = swap.allocateTracked(256);
                trackedViews.add(tracked);
                check(!scopedViews.contains(tracked), "a scoped view handed to a tracked lease");
                check(swap.release(tracked, ReleasePath.API), "tracked release");
            }
            Thread.yield();
            for (int site = held.length - 1; site >= 0; site--) {
                give(swap, id, held[site], ((long) id << 32) | ((long) round << 4) | site);
            }
        }

        private ByteBuffer take(BufferSwap swap, int id, int capacity, long stamp) {
            ByteBuffer view = swap.allocateScoped(capacity);
            scopedLeases.incrementAndGet();
            scopedViews.add(view);
            Integer other = owner.putIfAbsent(view, id);
            check(other == null, "a view held by " + other + " handed to " + id);
            check(!trackedViews.contains(view), "a tracked lease's view handed out as scoped");
            check(view.capacity() == capacity && view.position() == 0 && view.limit() == capacity
                    && view.order() == ByteOrder.BIG_ENDIAN, "not fresh: " + view + " " + view.order());
            check(view.getLong(0) == 0 && view.getLong(capacity - 8) == 0, "not zeroed");
            view.putLong(0, stamp).putLong(capacity - 8, stamp);
            view.order(ByteOrder.LITTLE_ENDIAN).position(8).mark().limit(capacity / 2); // left dirty
            return view;
        }

        private void give(BufferSwap swap, int id, ByteBuffer view, long stamp) {
            ByteBuffer whole = view.duplicate().clear(); // big-endian, and the view stays dirty
            check(whole.getLong(0) == stamp && whole.getLong(whole.capacity() - 8) == stamp,
                    "a page shared by two holders");
            Integer holder = owner.remove(view);
            check(holder != null && holder == id, "a view taken over while held");
            check(swap.release(view, ReleasePath.SCOPED), "scoped release");
        }

        private static Set<ByteBuffer> identitySet() {
            return Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        private void check(boolean ok, String what) {
            if (!ok && failures.incrementAndGet() <= 5) {
                firstFailures.add(what);
            }
        }
    }
}
