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
package io.pagepool.benchmarks;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * Contended return: one thread allocates pages and 4 (group {@code returners4}) or 8 (group
 * {@code returners8}) threads release them, so that many threads push their full caches into the
 * one recycle ring at once. The kernel's ptr_ring, a spinlocked ring, needs about 1.7 µs (4 CPUs)
 * and 3 µs (8 CPUs) per page in this situation; pagepool takes one compare-and-set per batch of
 * 64 pages per thread.
 *
 * <p>The allocating thread deals batches of {@value #BATCH} pages round-robin into one
 * {@link Handoff} per releasing thread (skipping a releaser whose hand-off is full). One op is one
 * page ({@code @OperationsPerInvocation}). The figure to read is the allocating thread's score
 * ({@code alloc4}/{@code alloc8}): that thread does every page, so its time per op is the wall
 * time per page of the whole group. (The group's own score averages over threads that each do a
 * share of the pages, and overstates the per-page time.)
 *
 * <p>The machines this suite runs on have 2 cores: 5 and 9 threads share them, and waiting threads
 * yield. The result measures the pool under over-subscription, not under 4 or 8 parallel CPUs.
 */
public class ContendedReturnBenchmark extends StandardRun {
    static final int BATCH = 32;
    private static final int MAX_RETURNERS = 8;
    private static final int HANDOFF_CAPACITY = 256;

    /** One pool and one hand-off per releasing thread, per group. */
    @State(Scope.Group)
    public static class Shared extends GroupPool {
        final Handoff[] handoffs = new Handoff[MAX_RETURNERS];
        final AtomicInteger returners = new AtomicInteger();
        /** The allocating thread's round-robin position. */
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            pool = PagePool.builder().name("contended-return").pageSize(2048).build();
            for (int i = 0; i < MAX_RETURNERS; i++) {
                handoffs[i] = new Handoff(HANDOFF_CAPACITY);
            }
        }
    }

    /** A releasing thread's own hand-off, claimed once per trial. */
    @State(Scope.Thread)
    public static class Returner {
        Handoff handoff;

        @Setup(Level.Trial)
        public void claim(Shared shared) {
            handoff = shared.handoffs[shared.returners.getAndIncrement()];
        }
    }

    @Benchmark
    @Group("returners4")
    @GroupThreads(1)
    @OperationsPerInvocation(BATCH)
    public void alloc4(Shared shared, Control control) {
        deal(shared, control);
    }

    @Benchmark
    @Group("returners4")
    @GroupThreads(4)
    @OperationsPerInvocation(BATCH)
    public void release4(Returner returner, Control control) {
        drain(returner.handoff, control);
    }

    @Benchmark
    @Group("returners8")
    @GroupThreads(1)
    @OperationsPerInvocation(BATCH)
    public void alloc8(Shared shared, Control control) {
        deal(shared, control);
    }

    @Benchmark
    @Group("returners8")
    @GroupThreads(8)
    @OperationsPerInvocation(BATCH)
    public void release8(Returner returner, Control control) {
        drain(returner.handoff, control);
    }

    /** Fills the next releaser's hand-off that has room with a batch of new pages. */
    private static void deal(Shared shared, Control control) {
        Handoff handoff = null;
        for (int spins = 0; handoff == null; spins++) {
            int count = shared.returners.get();
            for (int i = 0; i < count; i++) {
                Handoff candidate = shared.handoffs[(shared.next + i) % count];
                if (candidate.hasSpace(BATCH)) {
                    handoff = candidate;
                    shared.next = (shared.next + i + 1) % count;
                    break;
                }
            }
            if (handoff == null) {
                if (control.stopMeasurement) {
                    return;
                }
                Handoff.backOff(spins);
            }
        }
        PagePool pool = shared.pool;
        for (int i = 0; i < BATCH; i++) {
            handoff.put(i, pool.alloc());
        }
        handoff.publish(BATCH);
    }

    private static void drain(Handoff handoff, Control control) {
        if (!handoff.awaitItems(BATCH, control)) {
            return;
        }
        for (int i = 0; i < BATCH; i++) {
            ((Page) handoff.get(i)).release();
        }
        handoff.consumed(BATCH);
    }
}
