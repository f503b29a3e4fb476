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

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/**
 * Concurrency stress with ownership checks, for the whole pool and for the recycle ring alone.
 *
 * <p><b>Size.</b> By default each test runs {@value #DEFAULT_OPS} operations (a few seconds on
 * two cores). An operation is one page or fragment allocated and released (pool test) or one
 * page moved through the ring (ring test). For a long run set either
 * <ul>
 * <li>the system property {@code pagepool.stress.ops}, e.g.
 * {@code ./pagepool test -pl pool -Dtest=PoolStressTest -Dpagepool.stress.ops=100000000}
 * (surefire hands Maven user properties to the forked test JVM as system properties), or</li>
 * <li>the environment variable {@code PAGEPOOL_STRESS_OPS}, e.g.
 * {@code PAGEPOOL_STRESS_OPS=100000000 ./pagepool test -pl pool -Dtest=PoolStressTest}, which
 * reaches the forked JVM whatever the surefire configuration.</li>
 * </ul>
 * The system property wins when both are set. Progress goes to the test's stdout.
 */
class PoolStressTest {
    static final long DEFAULT_OPS = 2_000_000;
    private static final int WORKERS = 4;
    private static final int MAX_BATCH = 32;
    private static final int MAX_KEPT = 16;

    static long ops() {
        Long property = Long.getLong("pagepool.stress.ops");
        if (property != null) {
            return property;
        }
        String env = System.getenv("PAGEPOOL_STRESS_OPS");
        if (env != null && !env.isBlank()) {
            return Long.parseLong(env.trim().replace("_", ""));
        }
        return DEFAULT_OPS;
    }

    /**
     * A whole page or a fragment (then {@code page} is null) on its way to another worker, with
     * the token of the holder that stamped it.
     */
    private record Handoff(Page page, ByteBuffer fragment, long token) {
        Handoff(Page page, long token) {
            this(page, null, token);
        }
    }

    /** What every worker shares: the pool, ownership, inboxes, violations. */
    private static final class Shared {
        final PagePool pool;
        final int pageSize;
        /** Page -> token of its current holder; a page that is already present was handed to two holders. */
        final ConcurrentHashMap<Page, Long> owners = new ConcurrentHashMap<>();
        /** Fragment address -> token of its holder; an address already present was handed out twice. */
        final ConcurrentHashMap<Long, Long> fragmentOwners = new ConcurrentHashMap<>();
        final List<ArrayBlockingQueue<Handoff>> inboxes = new ArrayList<>();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger producing = new AtomicInteger(WORKERS);
        /** Operations: whole pages and fragments allocated (each is released too). */
        final AtomicLong allocated = new AtomicLong();
        final AtomicLong wholePages = new AtomicLong();
        final AtomicLong fragments = new AtomicLong();

        Shared(PagePool pool) {
            this.pool = pool;
            this.pageSize = pool.pageSize();
            for (int i = 0; i < WORKERS; i++) {
                inboxes.add(new ArrayBlockingQueue<>(256));
            }
        }

        void violation(String what) {
            if (violations.size() < 50) {
                violations.add(what);
            }
            stop.set(true);
        }
    }

    private static final class Worker implements Runnable {
        private final Shared s;
        private final int index;
        private final long quota;
        private final SplittableRandom random;
        private final Page[] batch = new Page[MAX_BATCH];
        private final long[] tokens = new long[MAX_BATCH];
        private final Page[] toRelease = new Page[MAX_BATCH];
        private final ArrayDeque<Handoff> kept = new ArrayDeque<>();
        private long sequence;

        Worker(Shared shared, int index, long quota, long seed) {
            this.s = shared;
            this.index = index;
            this.quota = quota;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void run() {
            try {
                work();
            } catch (Throwable t) {
                s.violation("worker " + index + " failed: " + t);
                t.printStackTrace();
            } finally {
                s.producing.decrementAndGet();
            }
            try {
                // keep taking handoffs until every worker stopped producing, then once more
                while (s.producing.get() > 0) {
                    drainInbox();
                    Thread.yield();
                }
                drainInbox();
            } catch (Throwable t) {
                s.violation("worker " + index + " failed while draining: " + t);
            }
        }

        private void work() {
            long done = 0;
            while (done < quota && !s.stop.get()) {
                drainInbox();
                int n = 1 + random.nextInt(MAX_BATCH);
                allocate(n);
                done += n;
                for (int i = 0; i < n; i++) {
                    long token = ((long) (index + 1) << 48) | ++sequence;
                    tokens[i] = token;
                    Page page = batch[i];
                    Long before = s.owners.putIfAbsent(page, token);
                    if (before != null) {
                        s.violation(page + " handed to holder " + token + " while holder " + before + " has it");
                        return;
                    }
                    if (page.refCount() != 1 || page.buffer().position() != 0
                            || page.buffer().limit() != s.pageSize) {
                        s.violation(page + " handed out with refcount " + page.refCount() + " and view "
                                + page.buffer());
                    }
                    stamp(page, token);
                }
                int releasing = 0;
                for (int i = 0; i < n; i++) {
                    Page page = batch[i];
                    long token = tokens[i];
                    batch[i] = null;
                    int choice = random.nextInt(10);
                    if (choice < 4) {
                        verify(page, token);
                        unclaim(page, token);
                        toRelease[releasing++] = page;
                    } else if (choice < 7) {
                        int target = random.nextInt(WORKERS);
                        if (target == index || !s.inboxes.get(target).offer(new Handoff(page, token))) {
                            releaseChecked(page, token);
                        }
                    } else if (choice == 7 && kept.size() < MAX_KEPT) {
                        kept.add(new Handoff(page, token));
                    } else if (choice == 8) {
                        page.retain(); // a second holder on this thread: two releases
                        verify(page, token);
                        page.release();
                        releaseChecked(page, token);
                    } else {
                        releaseChecked(page, token);
                    }
                }
                if (releasing > 0) {
                    s.pool.releaseBulk(toRelease, releasing);
                    java.util.Arrays.fill(toRelease, 0, releasing, null);
                }
                if (kept.size() >= MAX_KEPT || (!kept.isEmpty() && random.nextInt(4) == 0)) {
                    release(kept.poll());
                }
                s.allocated.addAndGet(n);
                s.wholePages.addAndGet(n);
                if (random.nextInt(4) == 0) {
                    fragments();
                }
            }
            Handoff old;
            while ((old = kept.poll()) != null) {
                release(old);
            }
        }

        /** Splits pages into a few fragments, stamps them, and releases them here or on another worker. */
        private void fragments() {
            int m = 1 + random.nextInt(8);
            for (int i = 0; i < m; i++) {
                int size = 16 + random.nextInt(s.pageSize / 2 - 15);
                ByteBuffer fragment = s.pool.allocFragment(size);
                if (fragment.capacity() != size) {
                    s.violation("fragment of " + size + " has capacity " + fragment.capacity());
                }
                long address = MemorySegment.ofBuffer(fragment).address();
                if ((address & 7) != 0) {
                    s.violation("fragment at unaligned address 0x" + Long.toHexString(address));
                }
                long token = ((long) (index + 1) << 48) | ++sequence;
                Long before = s.fragmentOwners.putIfAbsent(address, token);
                if (before != null) {
                    s.violation("fragment at 0x" + Long.toHexString(address) + " handed to " + token
                            + " while holder " + before + " has it");
                    return;
                }
                fragment.putLong(0, token).putLong(size - 8, token);
                Handoff h = new Handoff(null, fragment, token);
                int choice = random.nextInt(3);
                if (choice == 0 && kept.size() < MAX_KEPT) {
                    kept.add(h);
                } else if (choice == 1) {
                    int target = random.nextInt(WORKERS);
                    if (target == index || !s.inboxes.get(target).offer(h)) {
                        release(h);
                    }
                } else {
                    release(h);
                }
            }
            s.allocated.addAndGet(m);
            s.fragments.addAndGet(m);
        }

        private void release(Handoff h) {
            if (h.page() != null) {
                releaseChecked(h.page(), h.token());
                return;
            }
            ByteBuffer f = h.fragment();
            long address = MemorySegment.ofBuffer(f).address();
            long head = f.getLong(0);
            long tail = f.getLong(f.capacity() - 8);
            if (head != h.token() || tail != h.token()) {
                s.violation("fragment at 0x" + Long.toHexString(address) + " of holder " + h.token()
                        + " was overwritten while held: " + head + ", " + tail);
            }
            if (!s.fragmentOwners.remove(address, h.token())) {
                s.violation("fragment at 0x" + Long.toHexString(address) + " was not owned by " + h.token());
            }
            s.pool.release(f);
        }

        private void allocate(int n) {
            if (random.nextBoolean()) {
                int got = s.pool.allocBulk(batch, n);
                if (got != n) {
                    throw new AssertionError("allocBulk gave " + got + " of " + n + ": " + s.pool.stats());
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        int bytes = 1 + random.nextInt(s.pageSize);
                        java.nio.ByteBuffer buffer = s.pool.allocBuffer(bytes);
                        if (buffer.limit() != bytes) {
                            throw new AssertionError("allocBuffer(" + bytes + ") gave " + buffer);
                        }
                        buffer.limit(s.pageSize); // the whole page is stamped below
                        batch[i] = s.pool.pageOf(buffer);
                    }
                    case 1 -> {
                        Page page = s.pool.tryAlloc();
                        if (page == null) {
                            throw new AssertionError("tryAlloc gave null: " + s.pool.stats());
                        }
                        batch[i] = page;
                    }
                    default -> batch[i] = s.pool.alloc();
                }
            }
        }

        private void drainInbox() {
            Handoff h;
            while ((h = s.inboxes.get(index).poll()) != null) {
                release(h);
            }
        }

        private void releaseChecked(Page page, long token) {
            verify(page, token);
            unclaim(page, token);
            switch (random.nextInt(3)) {
                case 0 -> s.pool.release(page.buffer());
                case 1 -> s.pool.release(page.buffer().slice(s.pageSize / 2, 8));
                default -> page.release();
            }
        }

        private void unclaim(Page page, long token) {
            if (!s.owners.remove(page, token)) {
                s.violation(page + " was not owned by " + token + " at release but by " + s.owners.get(page));
            }
        }

        private void stamp(Page page, long token) {
            MemorySegment m = page.segment();
            page.buffer().putLong(0, token).putLong(s.pageSize / 2 + 8, token).putLong(s.pageSize - 8, token);
            if (m.byteSize() != s.pageSize) {
                s.violation(page + " has a segment of " + m.byteSize() + " bytes");
            }
        }

        private void verify(Page page, long token) {
            long a = page.buffer().getLong(0);
            long b = page.buffer().getLong(s.pageSize / 2 + 8);
            long c = page.buffer().getLong(s.pageSize - 8);
            if (a != token || b != token || c != token) {
                s.violation(page + " of holder " + token + " was overwritten while held: " + a + ", " + b + ", " + c);
            }
            Long owner = s.owners.get(page);
            if (owner == null || owner != token) {
                s.violation(page + " is owned by " + owner + ", not by its holder " + token);
            }
        }
    }

    /** Moves the knobs the tuner moves, at random, while the workers run. */
    private static final class Knobs implements Runnable {
        private final Shared s;
        private final SplittableRandom random = new SplittableRandom(7);

        Knobs(Shared shared) {
            this.s = shared;
        }

        @Override
        public void run() {
            try {
                while (s.producing.get() > 0 && !s.stop.get()) {
                    PagePool pool = s.pool;
                    switch (random.nextInt(8)) {
                        case 0 -> pool.setCacheCapacity(1 + random.nextInt(128));
                        case 1 -> {
                            List<CacheStats> caches = pool.cacheStats();
                            CacheStats c = caches.get(random.nextInt(caches.size()));
                            pool.setCacheCapacity(c.cacheId(), random.nextInt(129));
                        }
                        case 2 -> pool.setRingCapacity(1 + random.nextInt(1024));
                        case 3 -> pool.setRefillBatch(1 + random.nextInt(64));
                        case 4 -> pool.setSlabReserve(random.nextInt(4));
                        case 5 -> pool.trim(random.nextInt(2));
                        case 6 -> pool.reclaimEndedThreadCaches();
                        default -> {
                            PoolStats stats = pool.stats();
                            if (stats.bytesMapped() > pool.maxMemoryBytes()) {
                                s.violation("bytesMapped over budget: " + stats);
                            }
                        }
                    }
                    Thread.sleep(1);
                }
                s.pool.setCacheCapacity(128);
                s.pool.setRingCapacity(1024);
            } catch (Throwable t) {
                s.violation("knobs failed: " + t);
            }
        }
    }

    @Test
    void fourThreadsAllocatingStampingAndReleasingAcrossThreadsNeverShareAPage() throws Exception {
        long ops = ops();
        long start = System.nanoTime();
        try (PagePool pool = PagePool.builder().name("stress").pageSize(4096).slabBytes(64 << 10)
                .maxMemoryBytes(32 << 20).warnings(new Warnings()).build()) {
            Shared shared = new Shared(pool);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                Worker worker = new Worker(shared, i, ops / WORKERS, 31L * i + 1);
                threads.add(Thread.ofPlatform().name("stress-" + i).start(worker));
            }
            Thread knobs = Thread.ofPlatform().name("stress-knobs").start(new Knobs(shared));
            long lastReport = 0;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                threads.getFirst().join(1000);
                long done = shared.allocated.get();
                if (done - lastReport >= ops / 10) {
                    lastReport = done;
                    System.out.printf("stress: %,d of %,d operations after %.1f s%n", done, ops,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            knobs.join();

            assertEquals(List.of(), List.copyOf(shared.violations), "no page shared by two holders, none overwritten");
            assertTrue(shared.owners.isEmpty(), "every page was released: " + shared.owners.size() + " left");
            assertTrue(shared.fragmentOwners.isEmpty(), "every fragment was released");
            // the workers' caches still split their last fragment pages: reclaiming them ends that
            assertEquals(WORKERS, pool.reclaimEndedThreadCaches());
            PoolStats stats = pool.stats();
            System.out.printf("stress: %,d operations in %.1f s; %s%n", shared.allocated.get(),
                    (System.nanoTime() - start) / 1e9, stats);
            assertEquals(0, stats.inflightPages(), stats::toString);
            assertEquals(stats.allocPages(), stats.releasePages());
            // every whole page is one hold; fragments add one hold per fragment page they split
            assertTrue(stats.allocPages() > shared.wholePages.get(), "whole pages and fragment pages: " + stats);
            assertTrue(stats.allocPages() <= shared.wholePages.get() + shared.fragments.get(), stats::toString);
            assertTrue(shared.allocated.get() >= ops - WORKERS * MAX_BATCH, "ran " + shared.allocated.get());
            assertTrue(stats.bytesMapped() <= pool.maxMemoryBytes());
            Pools.assertConsistent(pool, List.of());
            Pools.closeFully(pool);
        }
    }

    // ------------------------------------------------------------------ the ring alone

    /** Starts a platform thread whose failure is recorded and stops every other thread of the test. */
    private static Thread start(String name, Queue<String> violations, AtomicBoolean failed, Runnable body) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                violations.add(name + " failed: " + t);
                failed.set(true);
            }
        });
    }

    @Test
    void theRecycleRingDeliversEveryPageExactlyOnceThroughWrapAroundFullAndEmpty() throws Exception {
        long ops = ops();
        int pageCount = 300;
        int slots = 16; // tiny: bulks of up to 64 find it full and empty all the time and wrap constantly
        RecycleRing ring = new RecycleRing(slots, slots);
        Page[] pages = new Page[pageCount];
        for (int i = 0; i < pageCount; i++) {
            pages[i] = new Page(null, null, null, i, i + 1, MemorySegment.ofArray(new byte[8])); // id 0: never written
        }
        AtomicIntegerArray inRing = new AtomicIntegerArray(pageCount); // 1 while a page is in the ring
        AtomicLongArray produced = new AtomicLongArray(pageCount);
        AtomicLongArray consumed = new AtomicLongArray(pageCount);
        ConcurrentLinkedQueue<Page> free = new ConcurrentLinkedQueue<>(List.of(pages));
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong moved = new AtomicLong();
        AtomicBoolean producersDone = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        int producers = 3;
        int consumers = 3;
        long start = System.nanoTime();

        List<Thread> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long seed = 100 + p;
            producerThreads.add(start("ring-producer-" + p, violations, failed, () -> {
                SplittableRandom random = new SplittableRandom(seed);
                Page[] batch = new Page[64];
                int[] ids = new int[64];
                while (moved.get() < ops && !failed.get()) {
                    int want = 1 + random.nextInt(64);
                    int have = 0;
                    Page page;
                    while (have < want && (page = free.poll()) != null) {
                        if (!inRing.compareAndSet(page.index(), 0, 1)) {
                            violations.add("page " + page.index() + " was free and in the ring at once");
                            failed.set(true);
                        }
                        batch[have++] = page;
                    }
                    if (have == 0) {
                        Thread.yield();
                        continue;
                    }
                    for (int i = 0; i < have; i++) {
                        ids[i] = batch[i].id();
                    }
                    int put = ring.produce(ids, 0, have);
                    if (put < 0 || put > have) {
                        violations.add("produce returned " + put + " of " + have);
                        failed.set(true);
                    }
                    for (int i = 0; i < put; i++) {
                        produced.incrementAndGet(batch[i].index());
                    }
                    moved.addAndGet(put);
                    for (int i = put; i < have; i++) { // not taken: they never became visible
                        if (!inRing.compareAndSet(batch[i].index(), 1, 0)) {
                            violations.add("page " + batch[i].index() + " rejected by produce was consumed");
                            failed.set(true);
                        }
                        free.add(batch[i]);
                    }
                    if (put < have) {
                        Thread.yield();
                    }
                }
            }));
        }
        List<Thread> consumerThreads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            long seed = 200 + c;
            consumerThreads.add(start("ring-consumer-" + c, violations, failed, () -> {
                SplittableRandom random = new SplittableRandom(seed);
                int[] batch = new int[64];
                while (!failed.get()) {
                    int got = ring.consume(batch, 0, 1 + random.nextInt(64));
                    if (got == 0) {
                        if (producersDone.get() && ring.size() == 0) {
                            return;
                        }
                        Thread.yield();
                        continue;
                    }
                    for (int i = 0; i < got; i++) {
                        int id = batch[i];
                        batch[i] = 0;
                        if (id < 1 || id > pageCount) {
                            violations.add("consume handed out a slot no producer wrote: " + id);
                            failed.set(true);
                            continue;
                        }
                        Page page = pages[id - 1];
                        if (!inRing.compareAndSet(page.index(), 1, 0)) {
                            violations.add("page " + page.index() + " came out of the ring twice");
                            failed.set(true);
                        }
                        consumed.incrementAndGet(page.index());
                        free.add(page);
                    }
                }
            }));
        }
        Thread knob = start("ring-capacity", violations, failed, () -> {
            SplittableRandom random = new SplittableRandom(3);
            while (!producersDone.get() && !failed.get()) {
                ring.setCapacity(1 + random.nextInt(slots));
                Thread.onSpinWait();
                Thread.yield();
            }
            ring.setCapacity(slots);
        });
        for (Thread t : producerThreads) {
            t.join();
        }
        producersDone.set(true);
        knob.join();
        for (Thread t : consumerThreads) {
            t.join();
        }
        System.out.printf("ring stress: %,d pages moved in %.1f s%n", moved.get(), (System.nanoTime() - start) / 1e9);

        assertEquals(List.of(), List.copyOf(violations));
        assertEquals(0, ring.consume(new int[64], 0, 64), "the ring is empty");
        assertEquals(0, ring.size());
        assertTrue(moved.get() >= ops, "moved " + moved.get());
        long totalProduced = 0;
        long totalConsumed = 0;
        for (int i = 0; i < pageCount; i++) {
            assertEquals(produced.get(i), consumed.get(i), "page " + i + " came out as often as it went in");
            assertEquals(0, inRing.get(i));
            totalProduced += produced.get(i);
            totalConsumed += consumed.get(i);
        }
        assertEquals(moved.get(), totalProduced);
        assertEquals(totalProduced, totalConsumed);
        Set<Page> back = Collections.newSetFromMap(new IdentityHashMap<>());
        back.addAll(free);
        assertEquals(pageCount, free.size(), "every page is back, once");
        assertEquals(pageCount, back.size(), "no duplicates");
    }
}
