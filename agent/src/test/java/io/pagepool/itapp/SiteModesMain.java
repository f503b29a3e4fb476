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
package io.pagepool.itapp;

import io.pagepool.PagePools;
import io.pagepool.agent.runtime.AllocationSite;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.SiteFigures;
import io.pagepool.agent.runtime.SiteMode;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolAudit;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An application for the per-site tests, run under the agent: one allocation site whose buffers,
 * depending on the phase, escape to a window and are dropped (they come back only through
 * reachability) or are released explicitly ({@code PagePools.release}). Two threads allocate at
 * once; each buffer is stamped with a number of its own at both ends and checked before it is
 * dropped or released, so a page handed to two holders shows as a corrupt stamp. Prints what it
 * saw as {@code KEY=value} lines; the test reads them, the agent's log and its recording.
 *
 * <p>Arguments: {@code adaptive} (escape until the tuner sends the site to the JDK, and on at the
 * JDK for 1000 calls; then release explicitly until it is re-probed, then go on and stay pooled),
 * {@code escape SECONDS} (escape only, for a pinned site).
 */
public final class SiteModesMain {
    static final int CAPACITY = 4096;
    /** Buffers each thread holds while they escape: two threads hold more pages than a 8 MiB budget. */
    static final int WINDOW = 1500;
    private static final AtomicLong STAMPS = new AtomicLong();
    private static final AtomicLong CORRUPT = new AtomicLong();
    private static final AtomicLong POOLED_WHILE_JDK = new AtomicLong();
    private static final AtomicLong RELEASED = new AtomicLong();

    private SiteModesMain() {
    }

    public static void main(String[] args) throws Exception {
        AllocationSite site = site(); // registered when this class was rewritten, before it ran
        if (args[0].equals("adaptive")) {
            print("SWITCHED_TO_JDK", phase(true, () -> site.mode() == SiteMode.JDK, 120_000));
            // the same workload at the JDK for a while (until re-probed, if that comes first)
            phase(true, () -> site.jdkModeCalls() >= 1000 || site.mode() == SiteMode.POOLED, 60_000);
            print("JDK_MODE_CALLS", site.jdkModeCalls());
            print("SWITCHED_BACK", phase(false, () -> site.mode() == SiteMode.POOLED, 60_000));
            long releasedBefore = RELEASED.get();
            long end = System.nanoTime() + 2_000_000_000L;
            phase(false, () -> System.nanoTime() - end > 0, 60_000);
            print("STAYED_POOLED", site.mode() == SiteMode.POOLED);
            print("RELEASED_AFTER_PROBE", RELEASED.get() - releasedBefore);
        } else {
            long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
            phase(true, () -> System.nanoTime() - end > 0, 120_000);
            print("MODE", site.mode());
        }
        print("POOLED_WHILE_JDK", POOLED_WHILE_JDK.get());
        print("CORRUPT", CORRUPT.get());
        print("ALL_BACK", allBack(site));
        SiteFigures f = site.figures();
        print("SERVED", f.served());
        print("JDK_SERVED", f.jdkServed());
        print("RETURNED", f.returnedExplicit() + f.returnedReachability());
        print("IN_FLIGHT", f.inFlight());
        PagePool pool = PagePools.pool(CAPACITY).orElseThrow(); // the class serving the site
        print("POOL_IN_FLIGHT", pool.stats().inflightPages());
        pool.reclaimEndedThreadCaches(); // the allocating threads ended: their pages back to the pool
        PoolAudit audit = audit(pool);
        print("AUDIT_CONSISTENT", audit.isConsistent() + " " + audit.problems());
        print("DOUBLE_RETURNS", audit.doubleReturnsDropped());
        print("FREE_PAGES_ALL_MAPPED", audit.freePagesSeen() == pool.stats().pagesMapped()
                ? "true" : audit.freePagesSeen() + " free of " + pool.stats().pagesMapped() + " mapped");
    }

    /**
     * The pool's audit once the tuner's own moves (ring stock back to slabs, slabs unmapped) left it
     * quiet: the audit is exact only on a quiescent pool, so it is taken again (at most 50 times,
     * 100 ms apart) while it sees a page in two places, or not every mapped page free.
     */
    private static PoolAudit audit(PagePool pool) throws InterruptedException {
        PoolAudit audit = pool.audit();
        for (int i = 0; i < 50 && (!audit.isConsistent() || audit.duplicatePages() > 0
                || audit.freePagesSeen() != pool.stats().pagesMapped()); i++) {
            Thread.sleep(100);
            audit = pool.audit();
        }
        return audit;
    }

    /** The one allocation site under test: the buffer escapes (it is returned), so it is not scoped. */
    static ByteBuffer allocate(long stamp) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);
        buffer.putLong(0, stamp);
        buffer.putLong(CAPACITY - 8, ~stamp);
        return buffer;
    }

    private static void check(ByteBuffer buffer, long stamp) {
        if (buffer.getLong(0) != stamp || buffer.getLong(CAPACITY - 8) != ~stamp) {
            CORRUPT.incrementAndGet();
        }
    }

    private static void release(ByteBuffer buffer) {
        if (PagePools.release(buffer)) {
            RELEASED.incrementAndGet();
        }
    }

    private static AllocationSite site() {
        return SiteTable.global().all().stream()
                .filter(s -> s.className().equals(SiteModesMain.class.getName()) && s.method().startsWith("allocate("))
                .findFirst().orElseThrow(() -> new IllegalStateException("site not rewritten"));
    }

    /**
     * Two threads allocate until {@code done}: escaping buffers into a window (dropped when they
     * leave it) or releasing each at once. Returns the buffers allocated; -1 on timeout.
     */
    private static long phase(boolean escape, BooleanSupplier done, long timeoutMillis) throws InterruptedException {
        AtomicLong allocated = new AtomicLong();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        Runnable work = () -> {
            ArrayDeque<ByteBuffer> window = new ArrayDeque<>();
            ArrayDeque<Long> stamps = new ArrayDeque<>();
            AllocationSite site = site();
            while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
                long stamp = STAMPS.incrementAndGet();
                boolean jdkBefore = site.mode() == SiteMode.JDK;
                ByteBuffer buffer = allocate(stamp);
                if (jdkBefore && site.mode() == SiteMode.JDK && PagePools.isPooled(buffer)) {
                    POOLED_WHILE_JDK.incrementAndGet();
                }
                allocated.incrementAndGet();
                if (escape) {
                    window.add(buffer);
                    stamps.add(stamp);
                    if (window.size() > WINDOW) {
                        check(window.poll(), stamps.poll()); // dropped: back only when unreachable
                    }
                } else {
                    check(buffer, stamp);
                    release(buffer);
                }
            }
            while (!window.isEmpty()) {
                check(window.poll(), stamps.poll());
            }
        };
        Thread a = Thread.ofPlatform().name("site-a").start(work);
        Thread b = Thread.ofPlatform().name("site-b").start(work);
        a.join();
        b.join();
        return done.getAsBoolean() ? allocated.get() : -1; // 0: done before the first call
    }

    /** Drops nothing more; collects until every page of the site came back (at most 60 s). */
    private static boolean allBack(AllocationSite site) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (site.figures().inFlight() > 0 && System.nanoTime() - deadline < 0) {
            System.gc();
            Thread.sleep(20);
            DirectBuffers.swap().drainUnreachable();
        }
        return site.figures().inFlight() == 0;
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
