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

import io.pagepool.pool.Mapping;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The slow path and the "DMA map" cost that recycling avoids: pages that come from a slab that
 * must first be mapped from the OS, one case per {@link Mapping} mode, against the same pages
 * taken from a warm pool that recycles them.
 *
 * <p>One invocation takes a whole slab's worth of pages ({@value #SLAB_BYTES} bytes /
 * {@value #PAGE_SIZE} = {@value #PAGES} pages) with {@link PagePool#allocBulk(Page[], int)} and
 * writes one byte into each page (so {@code PLAIN}, which maps without touching, pays its page
 * faults where an application would: on first use). One op is one page
 * ({@code @OperationsPerInvocation}), so the scores compare directly with the fast path's.
 *
 * <ul>
 *   <li>{@code mapFresh} ({@code @Param mapping}) — a new pool per invocation, built before it and
 *       closed (pages released, slab unmapped) after it, outside the measured time
 *       ({@code Level.Invocation}). The measured time is: empty cache, empty ring, map a slab
 *       ({@code mmap}; then pre-fault, {@code mlock} or {@code madvise(MADV_HUGEPAGE)} + pre-fault
 *       per mode), make its page handles and views, carve the pages in refill batches, first
 *       touch. {@code PINNED} and {@code HUGEPAGE} need native access (the forks get
 *       {@code --enable-native-access=ALL-UNNAMED}); when the OS refuses, the pool falls back to
 *       {@code PREFAULT} and the fork prints the pool's one-line warning.
 *   <li>{@code recycled} — the baseline: the same op on one warm pool whose thread cache holds all
 *       {@value #PAGES} pages (capacity {@value #PAGES}); the pages are released after each
 *       invocation, outside the measured time, so each invocation pops recycled, mapped pages.
 * </ul>
 *
 * <p>{@code -prof gc} counts every allocation of the iteration, the per-invocation pool builds
 * included, so B/op of {@code mapFresh} is an upper bound for the slab's handles and views.
 *
 * <p>Invocations last from microseconds to about a millisecond, so {@code Level.Invocation}
 * timing adds a small, roughly constant error (two timer reads per invocation); the warm-up and
 * the ratio {@code mapFresh / recycled} make that visible rather than hide it.
 */
public class SlowPathBenchmark extends StandardRun {
    static final long SLAB_BYTES = 2L << 20;
    static final int PAGE_SIZE = 4096;
    static final int PAGES = (int) (SLAB_BYTES / PAGE_SIZE);

    /** A pool that has mapped nothing yet, built before each invocation and closed after it. */
    @State(Scope.Thread)
    public static class Fresh {
        @Param({"PLAIN", "PREFAULT", "PINNED", "HUGEPAGE"})
        public Mapping mapping;

        final Page[] pages = new Page[PAGES];
        PagePool pool;
        int held;
        private final AtomicBoolean warned = new AtomicBoolean();

        @Setup(Level.Invocation)
        public void buildPool() {
            pool = PagePool.builder()
                    .name("slow-path-" + mapping)
                    .pageSize(PAGE_SIZE)
                    .slabBytes(SLAB_BYTES)
                    .maxMemoryBytes(SLAB_BYTES)
                    .mapping(mapping)
                    .slabReserve(0)
                    .maxRingCapacity(1024)
                    .warnings(message -> {
                        if (warned.compareAndSet(false, true)) {
                            System.err.println("pagepool: " + message);
                        }
                    })
                    .build();
        }

        @TearDown(Level.Invocation)
        public void closePool() {
            if (held != PAGES) {
                throw new IllegalStateException("allocBulk gave " + held + " of " + PAGES + " pages");
            }
            pool.releaseBulk(pages, held);
            pool.close();
            if (!pool.isFullyClosed()) {
                throw new IllegalStateException("the slab was not unmapped at close: " + pool.stats());
            }
        }
    }

    /** One warm pool whose thread cache holds a slab's worth of recycled pages. */
    @State(Scope.Thread)
    public static class Warm {
        final Page[] pages = new Page[PAGES];
        PagePool pool;
        int held;

        @Setup(Level.Trial)
        public void buildPool() {
            pool = PagePool.builder()
                    .name("slow-path-recycled")
                    .pageSize(PAGE_SIZE)
                    .slabBytes(SLAB_BYTES)
                    .cacheCapacity(PAGES)
                    .build();
        }

        @TearDown(Level.Invocation)
        public void releasePages() {
            if (held != PAGES) {
                throw new IllegalStateException("allocBulk gave " + held + " of " + PAGES + " pages");
            }
            pool.releaseBulk(pages, held);
        }

        @TearDown(Level.Trial)
        public void closePool() {
            pool.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void mapFresh(Fresh fresh) {
        fresh.held = allocAndTouch(fresh.pool, fresh.pages);
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void recycled(Warm warm) {
        warm.held = allocAndTouch(warm.pool, warm.pages);
    }

    private static int allocAndTouch(PagePool pool, Page[] pages) {
        int n = pool.allocBulk(pages, PAGES);
        for (int i = 0; i < n; i++) {
            pages[i].buffer().put(0, (byte) 1);
        }
        return n;
    }
}
