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
package io.pagepool.recorder;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded table of sampled leases behind {@code io.pagepool.LeakSuspect} "held" events.
 *
 * <p>{@link #track} runs on an allocating thread for a sampled allocation: at most
 * {@link #maxCapturesPerSecond} times a second JVM-wide (a stack walk costs microseconds), and
 * only while the table has room, it records the page, its generation (which, with the page,
 * names the lease), the time and the allocation stack. {@link #check} runs as the periodic hook of
 * the LeakSuspect event: a lease whose page was released (refcount 0 or a newer generation) is
 * dropped; one still held after {@link LeakDetector#threshold()} is reported once and dropped.
 *
 * <p>Pages are held weakly and a pool's leases are forgotten when it is unregistered, so the
 * table never keeps a pool reachable. Threading: the table is guarded by its class's monitor,
 * held only for array updates and event commits ({@link #track} first reads {@code size} without
 * it, only to skip a full table early); the capture limiter is a CAS on {@link #nextCaptureNanos}.
 */
final class LeaseTable {
    static final int CAPACITY = 512;
    /** Frames kept of each allocation stack. */
    static final int STACK_DEPTH = 24;

    private static final Lease[] LEASES = new Lease[CAPACITY];
    /** Guarded by LeaseTable.class. */
    private static int size;
    private static volatile long captureIntervalNanos = TimeUnit.SECONDS.toNanos(1) / 20;
    private static final AtomicLong nextCaptureNanos = new AtomicLong(System.nanoTime());

    private record Lease(WeakReference<Page> page, String poolName, int generation, long startNanos,
                         String stack, String threadName, long requestedBytes) {
    }

    private LeaseTable() {
    }

    /** Records a sampled lease if the capture budget and the table allow. Allocating thread. */
    static void track(PagePool pool, Page page, long requestedBytes) {
        if (size >= CAPACITY) {
            return; // racy read, rechecked under the monitor: a full table spends no capture budget or stack walk
        }
        long now = System.nanoTime();
        long next = nextCaptureNanos.get();
        if (now - next < 0 || !nextCaptureNanos.compareAndSet(next, now + captureIntervalNanos)) {
            return;
        }
        int generation = page.generation(); // this thread handed the page out: exact
        String stack = StackCapture.capture(STACK_DEPTH);
        Lease lease = new Lease(new WeakReference<>(page), pool.name(), generation, now, stack,
                Thread.currentThread().getName(), requestedBytes);
        synchronized (LeaseTable.class) {
            if (size < CAPACITY) {
                LEASES[size++] = lease;
            }
        }
    }

    /** The LeakSuspect periodic hook: reports leases held past the threshold, drops released ones. */
    static void check() {
        long thresholdNanos = LeakDetector.threshold().toNanos();
        long now = System.nanoTime();
        synchronized (LeaseTable.class) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                Lease lease = LEASES[i];
                LEASES[i] = null;
                Page page = lease.page().get();
                if (page == null || page.generation() != lease.generation() || page.refCount() <= 0) {
                    continue; // released (or its pool is gone): not a leak
                }
                long age = now - lease.startNanos();
                if (age >= thresholdNanos) {
                    commitHeld(lease, page, age);
                    continue; // once per lease
                }
                LEASES[kept++] = lease;
            }
            size = kept;
        }
    }

    private static void commitHeld(Lease lease, Page page, long age) {
        LeakSuspectEvent e = new LeakSuspectEvent();
        e.poolName = lease.poolName();
        e.kind = LeakSuspectEvent.HELD;
        e.age = age;
        e.allocationStack = lease.stack();
        e.allocatingThread = lease.threadName();
        e.requestedBytes = lease.requestedBytes();
        e.pageAddress = page.address();
        e.leaseGeneration = lease.generation();
        e.refCount = page.refCount();
        e.commit();
    }

    /** Drops every lease of {@code pool} (and of collected pages). */
    static void forget(PagePool pool) {
        synchronized (LeaseTable.class) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                Lease lease = LEASES[i];
                LEASES[i] = null;
                Page page = lease.page().get();
                if (page != null && page.pool() != pool) {
                    LEASES[kept++] = lease;
                }
            }
            size = kept;
        }
    }

    /** Leases being watched now. */
    static int size() {
        synchronized (LeaseTable.class) {
            return size;
        }
    }

    /** How many allocation stacks may be captured per second, JVM-wide (default 20). */
    static void maxCapturesPerSecond(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("stack captures per second = " + perSecond
                    + " is out of range: allowed 1 or more");
        }
        captureIntervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        nextCaptureNanos.set(System.nanoTime());
    }
}
