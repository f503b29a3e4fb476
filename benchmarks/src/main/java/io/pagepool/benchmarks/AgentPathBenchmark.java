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
import io.pagepool.pool.SizeClassPool;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a rewritten {@code ByteBuffer.allocateDirect(2048)} call costs under the agent, per way the
 * page comes back, against the JDK's own call ({@code jdk}, the baseline): one op allocates,
 * writes a byte and gives the buffer up.
 * <ul>
 *   <li>{@code scoped}: a site proven not to escape; released where it dies ({@code allocateScoped}
 *       + {@code releaseScoped}).
 *   <li>{@code explicit}: reachability-tracked, released by {@code PagePools.release}.
 *   <li>{@code unreachable}: reachability-tracked and dropped; the page comes back after a GC, so
 *       pages in flight pile up between GCs (the pool maps more memory, up to its budget, then
 *       waives to the JDK).
 * </ul>
 * The agent's buffers are fresh root views (a slice segment and a buffer object: about 100 B of
 * heap per call, the JDK's are about 150 B plus native memory).
 */
@State(Scope.Thread)
public class AgentPathBenchmark extends StandardRun {
    private static final int BYTES = 2048;

    private SizeClassPool pool;
    private BufferSwap swap;

    @Setup(Level.Trial)
    public void setUp() {
        // the agent's pool: size classes 1 KiB..64 KiB, BYTES from the 2 KiB class
        pool = SizeClassPool.builder().name("agent-path").maxMemoryBytes(256L << 20).build();
        swap = new BufferSwap(pool);
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
    public ByteBuffer unreachable() {
        return swap.allocateTracked(BYTES).put(0, (byte) 1);
    }
}
