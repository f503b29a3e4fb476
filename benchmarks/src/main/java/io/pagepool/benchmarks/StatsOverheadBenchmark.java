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

import io.pagepool.pool.PagePool;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the page_pool counters on the fast path: the op of
 * {@link FastPathBenchmark#pool()} (2 KiB page, ByteBuffer API, one thread) with statistics on
 * ({@code statsOn}), off in the pool's builder ({@code statsOff}, the baseline:
 * {@code .stats(false)}, a run-time flag), and removed JVM-wide by the static switch
 * ({@code staticOff}: a fork with {@code -Dpagepool.stats=false}, on a pool built with stats on).
 * Each case runs in its own fork, so the JIT sees one pool configuration at a time.
 *
 * <p>Target: {@code statsOn} at most 3 % slower than {@code statsOff}.
 */
@State(Scope.Thread)
public class StatsOverheadBenchmark extends StandardRun {
    private static final int PAGE_SIZE = 2048;

    private PagePool withStats;
    private PagePool withoutStats;

    @Setup(Level.Trial)
    public void setUp() {
        withStats = PagePool.builder().name("stats-on").pageSize(PAGE_SIZE).stats(true).build();
        withoutStats = PagePool.builder().name("stats-off").pageSize(PAGE_SIZE).stats(false).build();
        allocWriteRelease(withStats); // this thread's caches exist before the promotion
        allocWriteRelease(withoutStats);
        SteadyState.promoteToOldGeneration();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        withStats.close();
        withoutStats.close();
    }

    @Benchmark
    public void statsOn() {
        allocWriteRelease(withStats);
    }

    @Benchmark
    public void statsOff() {
        allocWriteRelease(withoutStats);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {JvmFlags.NATIVE_ACCESS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX,
            JvmFlags.POOL_STATS_OFF})
    public void staticOff() {
        allocWriteRelease(withStats);
    }

    private static void allocWriteRelease(PagePool pool) {
        ByteBuffer buffer = pool.allocBuffer(PAGE_SIZE);
        buffer.put(0, (byte) 1);
        pool.release(buffer);
    }
}
