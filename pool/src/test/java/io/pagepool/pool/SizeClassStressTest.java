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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Mixed sizes through a size-class group from four threads, half of the releases on another
 * thread than the allocation, every page stamped with its holder: a page is never held by two
 * holders at once, and at the end no page of any class is lost (the audit). Runs
 * {@link PoolStressTest#ops()} / 4 operations (the same property and variable size it).
 */
class SizeClassStressTest {
    private static final int WORKERS = 4;
    private static final int[] SIZES = {1, 64, 512, 1500, 2048, 4096, 4097, 9000, 16384, 65535, 65536};

    /** A page on its way to its releaser: the buffer to release (null: release the page), and the holder's token. */
    private record Lease(Page page, ByteBuffer buffer, long token) {
    }

    private final ConcurrentHashMap<Page, Long> holders = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong waived = new AtomicLong();

    @Test
    void mixedSizesReleasedAcrossThreadsNeverShareAPageAndNoPageIsLost() throws Exception {
        long opsPerWorker = Math.max(10_000, PoolStressTest.ops() / 4 / WORKERS);
        try (SizeClassPool group = SizeClassPool.builder().name("stress").slabBytes(256 << 10)
                .maxMemoryBytes(24 << 20).strict(true).warnings(new Warnings()).build()) {
            List<ArrayBlockingQueue<Lease>> inboxes = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                inboxes.add(new ArrayBlockingQueue<>(256));
            }
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int me = w;
                threads.add(Thread.ofPlatform().name("stress-" + w).start(
                        () -> work(group, me, inboxes, opsPerWorker)));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (ArrayBlockingQueue<Lease> inbox : inboxes) { // what the last handoffs left
                for (Lease lease; (lease = inbox.poll()) != null; ) {
                    release(group, lease);
                }
            }
            assertEquals(List.of(), List.copyOf(violations), "no page held by two holders, none overwritten");
            assertTrue(served.get() > opsPerWorker, "served: " + served + ", waived: " + waived);
            PoolStats stats = group.stats();
            assertEquals(0, stats.inflightPages(), "every page came back");
            assertEquals(served.get(), stats.allocPages());
            assertEquals(waived.get(), stats.allocWaive());
            for (PagePool cls : group.classes()) {
                cls.reclaimEndedThreadCaches();
                Pools.assertConsistent(cls, List.of()); // every page of every slab in exactly one place
            }
            assertTrue(stats.bytesMapped() <= group.maxMemoryBytes());
        }
    }

    private void work(SizeClassPool group, int me, List<ArrayBlockingQueue<Lease>> inboxes, long ops) {
        SplittableRandom random = new SplittableRandom(me);
        ArrayList<Lease> kept = new ArrayList<>();
        for (long i = 0; i < ops; i++) {
            for (Lease lease; (lease = inboxes.get(me).poll()) != null; ) {
                release(group, lease);
            }
            int size = random.nextInt(4) == 0 ? 1 + random.nextInt(65536) : SIZES[random.nextInt(SIZES.length)];
            Lease lease = allocate(group, size, random.nextBoolean());
            if (lease != null) {
                kept.add(lease);
            }
            if (kept.size() > 8 || lease == null && !kept.isEmpty()) {
                Lease out = kept.remove(random.nextInt(kept.size()));
                if (random.nextBoolean() || !inboxes.get((me + 1) % WORKERS).offer(out)) {
                    release(group, out);
                }
            }
        }
        kept.forEach(lease -> release(group, lease));
    }

    private Lease allocate(SizeClassPool group, int size, boolean asBuffer) {
        ByteBuffer buffer = asBuffer ? group.tryAllocBuffer(size) : null;
        Page page = asBuffer ? (buffer == null ? null : group.findPage(buffer)) : group.tryAlloc(size);
        if (page == null) {
            waived.incrementAndGet();
            return null;
        }
        served.incrementAndGet();
        if (page.sizeBytes() < size || group.classFor(size) != page.pool()) {
            violations.add(size + " bytes served by " + page);
        }
        long token = tokens.incrementAndGet();
        Long before = holders.putIfAbsent(page, token);
        if (before != null) {
            violations.add(page + " handed to holder " + token + " while holder " + before + " has it");
        }
        page.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, token);
        page.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, page.sizeBytes() - 8, token);
        return new Lease(page, buffer, token);
    }

    private void release(SizeClassPool group, Lease lease) {
        Page page = lease.page();
        long head = page.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        long tail = page.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, page.sizeBytes() - 8);
        if (head != lease.token() || tail != lease.token()) {
            violations.add(page + " of holder " + lease.token() + " was overwritten while held: " + head + ", " + tail);
        }
        if (!holders.remove(page, lease.token())) {
            violations.add(page + " is not held by " + lease.token() + " at its release");
        }
        if (lease.buffer() != null) {
            group.release(lease.buffer());
        } else {
            page.release();
        }
    }
}
