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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bulk API for driver-style callers (RX ring refill, TX completion): {@value #PAGES} pages
 * allocated and released with {@link PagePool#allocBulk(Page[], int)} and
 * {@link PagePool#releaseBulk(Page[], int)} ({@code bulk}) against {@value #PAGES} single
 * {@link PagePool#alloc()} and {@link Page#release()} calls ({@code single}, the baseline). One op
 * is one page allocated and released ({@code @OperationsPerInvocation}), on one thread, so both
 * run on the thread's cache (capacity 128 holds the {@value #PAGES} pages).
 */
@State(Scope.Thread)
public class BulkBenchmark extends StandardRun {
    static final int PAGES = 64;

    private PagePool pool;
    private final Page[] pages = new Page[PAGES];

    @Setup(Level.Trial)
    public void setUp() {
        pool = PagePool.builder().name("bulk").pageSize(2048).build();
        pool.releaseBulk(pages, pool.allocBulk(pages, PAGES)); // this thread's cache exists before the promotion
        SteadyState.promoteToOldGeneration();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void bulk() {
        int n = pool.allocBulk(pages, PAGES);
        pool.releaseBulk(pages, n);
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void single() {
        Page[] p = pages;
        for (int i = 0; i < PAGES; i++) {
            p[i] = pool.alloc();
        }
        for (int i = 0; i < PAGES; i++) {
            p[i].release();
        }
    }
}
