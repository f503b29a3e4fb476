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

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.Page;
import io.pagepool.agent.runtime.SiteMode;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.pool.SizeClassPool;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a rewritten {@code ByteBuffer.allocateDirect(2048)} call costs under the agent, per way the
 * page comes back, against the JDK's own call ({@code jdk}, the baseline) and the pool's own APIs
 * on the same pool (same zeroing): one op allocates, writes a byte and gives the buffer up.
 * <ul>
 *   <li>{@code scoped}: a site proven not to escape; released where it dies ({@code allocateScoped}
 *       + {@code releaseScoped}). The page's scoped view is recycled with it: 0 B/op.
 *   <li>{@code explicit}: reachability-tracked, released by {@code PagePools.release}: a new root
 *       view and its {@code PhantomReference} per lease (96 B/op).
 *   <li>{@code unreachable}: reachability-tracked and dropped; the page comes back after a GC, so
 *       pages in flight pile up between GCs (the pool maps more memory, up to its budget, then
 *       waives to the JDK).
 *   <li>{@code poolBuffer}: the pool's ByteBuffer API ({@code allocBuffer} + {@code release(buffer)}:
 *       a new view per lease, ADR 0006); {@code poolPage}: its Page API ({@code alloc()} + the
 *       page's own view + {@code release()}), the allocation-free floor of a pooled page.
 *   <li>{@code siteAtJdk}: a rewritten site the tuner sent to the JDK (or pinned there): the JDK's
 *       own call behind the site's mode check and counter; it should cost what {@code jdk} does.
 * </ul>
 * Targets (ratios in one run): {@code scoped <= 1.5 x poolBuffer}, 0 B/op for {@code scoped}
 * ({@code -prof gc}). {@code -p zero=true} zeroes every lease's bytes, as the agent does by
 * default. Setup is promoted to the old generation first ({@link SteadyState}).
 */
@State(Scope.Thread)
public class AgentPathBenchmark extends StandardRun {
    private static final int BYTES = 2048;

    /** Whether the pool zeroes what it hands out (the agent's {@code zero}, on by default there). */
    @Param({"false"})
    public boolean zero;

    private SizeClassPool pool;
    private BufferSwap swap;
    private int jdkSite;

    @Setup(Level.Trial)
    public void setUp() {
        // the agent's pool: size classes 1 KiB..64 KiB, BYTES from the 2 KiB class
        pool = SizeClassPool.builder().name("agent-path").maxMemoryBytes(256L << 20).zero(zero).build();
        swap = new BufferSwap(pool);
        jdkSite = SiteTable.global().register("bench.AgentPath", "siteAtJdk", "()V", -1, 0,
                "bench.AgentPath.siteAtJdk()");
        SiteTable.global().decide(jdkSite, SiteMode.JDK, "benchmark");
        // this thread's cache, the page's recycled views, the swap's index: made before the promotion
        scoped();
        explicit();
        poolBuffer();
        poolPage();
        SteadyState.promoteToOldGeneration();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public ByteBuffer jdk() {
        return ByteBuffer.allocateDirect(BYTES).put(0, (byte) 1);
    }

    @Benchmark
    public void scoped() {
        ByteBuffer b = swap.allocateScoped(BYTES);
        b.put(0, (byte) 1);
        swap.release(b, ReleasePath.SCOPED);
    }

    @Benchmark
    public void explicit() {
        ByteBuffer b = swap.allocateTracked(BYTES);
        b.put(0, (byte) 1);
        swap.release(b, ReleasePath.API);
    }

    @Benchmark
    public ByteBuffer siteAtJdk() {
        return swap.allocateTracked(BYTES, jdkSite).put(0, (byte) 1);
    }

    @Benchmark
    public ByteBuffer unreachable() {
        return swap.allocateTracked(BYTES).put(0, (byte) 1);
    }

    @Benchmark
    public void poolBuffer() {
        ByteBuffer b = pool.allocBuffer(BYTES);
        b.put(0, (byte) 1);
        pool.release(b);
    }

    @Benchmark
    public void poolPage() {
        Page page = pool.alloc(BYTES);
        page.buffer().put(0, (byte) 1);
        page.release();
    }
}
