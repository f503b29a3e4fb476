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
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Shared test helpers: small pools, an audit of a quiescent pool's page bookkeeping, and closing. */
final class Pools {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Pools() {
    }

    /** A small pool builder (4 KiB pages, 256 KiB slabs, 4 MiB budget), named after {@code purpose}. */
    static PagePoolBuilder small(String purpose, Warnings warnings) {
        return PagePool.builder()
                .name(purpose + "-" + POOLS.incrementAndGet())
                .pageSize(4096)
                .slabBytes(256 << 10)
                .maxMemoryBytes(4 << 20)
                .warnings(warnings);
    }

    /**
     * Audits a quiescent pool (no other thread is using it): every page of every mapped slab must
     * be in exactly one place — held by the test ({@code held}, distinct pages), the fragment page
     * a cache is still splitting, a thread cache, the recycle ring, or its slab's free list — free
     * pages must have reference count 0 and held ones more, and, when statistics are on, the
     * in-flight counter must equal the pages held (the test's plus the fragment pages).
     */
    static void assertConsistent(PagePool pool, Collection<Page> held) {
        List<String> problems = new ArrayList<>(pool.audit().problems()); // the pool's own audit agrees
        Map<Page, String> where = new IdentityHashMap<>();
        int fragmentPages = 0;
        for (ThreadCache cache : pool.control().caches().all()) {
            for (int i = 0; i < cache.size; i++) {
                Page page = pool.control().slabs().pageTable().get(cache.stack[i]);
                place(where, page, "cache of " + cache.ownerName, problems);
            }
            if (cache.fragmentPage != null) {
                fragmentPages++;
                place(where, cache.fragmentPage, "fragment page of " + cache.ownerName, problems);
            }
        }
        List<Page> ring = takeRing(pool);
        for (Page page : ring) {
            place(where, page, "ring", problems);
        }
        putRingBack(pool, ring);
        for (Page page : held) {
            place(where, page, "held by the test", problems);
        }
        for (Map.Entry<Page, String> e : where.entrySet()) {
            boolean free = e.getValue().startsWith("cache") || e.getValue().equals("ring");
            int refs = e.getKey().refCount();
            if (free && refs != 0) {
                problems.add(e.getKey() + " is free in " + e.getValue() + " but has refcount " + refs);
            }
            if (!free && refs <= 0) {
                problems.add(e.getKey() + " is " + e.getValue() + " but has refcount " + refs);
            }
        }
        SlabAllocator slabs = pool.control().slabs();
        slabs.lock.lock();
        try {
            List<Slab> mapped = slabs.slabsLocked();
            long pagesInSlabs = 0;
            Map<Slab, int[]> placedPerSlab = new IdentityHashMap<>();
            for (Slab slab : mapped) {
                placedPerSlab.put(slab, new int[2]); // [0] free elsewhere (cache/ring), [1] held
                pagesInSlabs += slab.pageCount();
            }
            for (Map.Entry<Page, String> e : where.entrySet()) {
                int[] counts = placedPerSlab.get(e.getKey().slab());
                if (counts == null) {
                    problems.add(e.getKey() + " (" + e.getValue() + ") belongs to a slab that is not mapped");
                    continue;
                }
                boolean free = e.getValue().startsWith("cache") || e.getValue().equals("ring");
                counts[free ? 0 : 1]++;
            }
            for (Slab slab : mapped) {
                int[] counts = placedPerSlab.get(slab);
                int zeroRefs = 0;
                for (int i = 0; i < slab.pageCount(); i++) {
                    if (slab.page(i).refCount() == 0) {
                        zeroRefs++;
                    }
                }
                if (slab.freeCount() + counts[0] + counts[1] != slab.pageCount()) {
                    problems.add("slab " + slab.id() + ": " + slab.freeCount() + " free in the slab + " + counts[0]
                            + " in caches/ring + " + counts[1] + " held != " + slab.pageCount() + " pages");
                }
                if (zeroRefs != slab.freeCount() + counts[0]) {
                    problems.add("slab " + slab.id() + ": " + zeroRefs + " pages with refcount 0, but "
                            + slab.freeCount() + " free in the slab + " + counts[0] + " in caches/ring");
                }
            }
            PoolStats stats = pool.stats();
            if (stats.pagesMapped() != pagesInSlabs) {
                problems.add("pagesMapped " + stats.pagesMapped() + " != " + pagesInSlabs + " pages in mapped slabs");
            }
        } finally {
            slabs.lock.unlock();
        }
        PoolStats stats = pool.stats();
        assertEquals(stats.bytesMapped(), stats.pagesMapped() * pool.pageSize(), "pagesMapped * pageSize");
        assertTrue(stats.bytesMapped() <= pool.maxMemoryBytes(), "bytesMapped within the budget");
        if (pool.statsEnabled()) {
            assertEquals(stats.allocPages() - stats.releasePages(), stats.inflightPages(), "inflight = hold - release");
            assertEquals(held.size() + fragmentPages, stats.inflightPages(),
                    "inflight = the pages the test holds + fragment pages being split");
        }
        if (!problems.isEmpty()) {
            fail("pool " + pool.name() + " is inconsistent:\n  " + String.join("\n  ", problems));
        }
    }

    private static void place(Map<Page, String> where, Page page, String place, List<String> problems) {
        if (page == null) {
            problems.add("a null page in " + place);
            return;
        }
        String before = where.put(page, place);
        if (before != null) {
            problems.add(page + " is in two places: " + before + " and " + place);
        }
    }

    private static List<Page> takeRing(PagePool pool) {
        List<Page> pages = new ArrayList<>();
        int[] batch = new int[64];
        int n;
        while ((n = pool.control().ring().consume(batch, 0, batch.length)) > 0) {
            for (int i = 0; i < n; i++) {
                pages.add(pool.control().slabs().pageTable().get(batch[i]));
            }
        }
        return pages;
    }

    private static void putRingBack(PagePool pool, List<Page> pages) {
        int[] all = pages.stream().mapToInt(Page::id).toArray();
        int put = 0;
        while (put < all.length) {
            int k = pool.control().ring().produce(all, put, all.length - put);
            if (k == 0) {
                break;
            }
            put += k;
        }
        if (put < all.length) { // a lowered ring capacity: what does not fit goes back to its slab
            pool.control().slabs().returnPages(all, put, all.length - put);
        }
    }

    /**
     * Runs {@code body} on a new platform thread, waits for that thread to end, and fails with
     * whatever it threw (an exception on a helper thread must fail the test, not just print).
     */
    static Thread runOnNewThread(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("thread '" + name + "' failed: " + failure.get(), failure.get());
        }
        return thread;
    }

    /** Closes the pool (nothing in flight) and asserts every slab went back to the OS. */
    static void closeFully(PagePool pool) throws InterruptedException {
        pool.close();
        assertTrue(pool.isClosed(), "isClosed");
        assertTrue(pool.awaitClosed(Duration.ofSeconds(10)), () -> "fully closed: " + pool + " " + pool.stats());
        assertTrue(pool.isFullyClosed(), "isFullyClosed");
        assertEquals(0, pool.stats().bytesMapped(), "bytesMapped after close");
        assertEquals(0, pool.stats().pagesMapped(), "pagesMapped after close");
    }

    /** Audits the pool with nothing held, then closes it fully. */
    static void auditAndClose(PagePool pool) throws InterruptedException {
        assertConsistent(pool, List.of());
        closeFully(pool);
    }

    /** Asserts {@code t}'s message names a page and the pool. */
    static void assertNamesPageAndPool(Throwable t, PagePool pool) {
        String message = String.valueOf(t.getMessage());
        assertTrue(message.contains("page"), () -> "message names the page: " + message);
        assertTrue(message.contains(pool.name()), () -> "message names the pool '" + pool.name() + "': " + message);
    }
}
