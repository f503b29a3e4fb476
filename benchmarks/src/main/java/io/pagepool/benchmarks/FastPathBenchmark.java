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

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fast path: one thread gets a page-sized direct buffer, writes a byte, and gives it back.
 * One op is one alloc + write + release; every case runs on the same thread, so pagepool serves
 * it from the thread's private cache (pop, push: no atomic, no allocation).
 *
 * <ul>
 *   <li>{@code none} — the floor: a thread-local array stack of pre-made direct buffers, with one
 *       real {@link ThreadLocal} lookup per op, as a pool needs to find the thread's cache: pop,
 *       clear, write, push.
 *   <li>{@code noneArena} — the same floor with buffers that are views of memory from an
 *       {@link Arena}, as the pool's pages are (so that a slab can be unmapped at once rather than
 *       by the GC): every access to such a buffer checks the arena is still open. The difference
 *       to {@code none} is what memory that can be freed explicitly costs, before any pooling.
 *   <li>{@code pool} — the ByteBuffer API: {@link PagePool#allocBuffer(int)}, which hands out a
 *       new view per lease (so that a stale release cannot end a later lease), and
 *       {@link PagePool#release(ByteBuffer)}, which ends the lease by the view's identity (one
 *       compare-and-set).
 *   <li>{@code poolPage} — the Page API: {@link PagePool#alloc()} and {@link Page#release()}.
 *   <li>{@code poolStrict}, {@code poolPageStrict} — the same on a pool built with
 *       {@code strict(true)}: every release is a compare-and-set, so one of two racing releases
 *       throws. The difference to {@code pool} and {@code poolPage} is strict mode's cost.
 *   <li>{@code sizeClasses}, {@code sizeClassesPage} — the same two APIs through a
 *       {@link SizeClassPool} (classes 1 KiB to 64 KiB; the request picks the class of
 *       {@code pageSize}): {@code sizeClassesPage - poolPage} is what the dispatch costs (a table
 *       load by {@code numberOfLeadingZeros}, the request check), and {@code sizeClasses - pool}
 *       adds the release's look-up of the buffer's class.
 *   <li>{@code jdkAllocateDirect} — {@link ByteBuffer#allocateDirect(int)}, left to the GC and
 *       its Cleaner (what an unmodified application does).
 *   <li>{@code nettyPooled}, {@code nettyAdaptive} — Netty 4.2's {@link PooledByteBufAllocator}
 *       and {@link AdaptiveByteBufAllocator}: {@code directBuffer(pageSize)}, {@code writeByte},
 *       {@code release()}, Netty pinned at an exact 4.2 release (see the pom). The baselines get
 *       Netty's best configuration: leak detection disabled
 *       ({@code -Dio.netty.leakDetection.level=disabled}); {@code --sun-misc-unsafe-memory-access=allow},
 *       without which Netty 4.2 turns its Unsafe fast paths off on JDK 25; and thread caches for
 *       the benchmark thread as for an event-loop thread
 *       ({@code -Dio.netty.allocator.useCacheForAllThreads=true},
 *       {@code -Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=true}; without them
 *       {@code nettyPooled} takes several hundred ns per op on a plain thread).
 * </ul>
 *
 * <p>Targets, as ratios in the same run: {@code pool <= 1.5 x none};
 * {@code nettyAdaptive / pool >= 10}; {@code jdkAllocateDirect / pool >= 100}; 0 B/op for the
 * Page API cases ({@code -prof gc}); the ByteBuffer API cases allocate one view per lease;
 * {@code sizeClassesPage - poolPage <= 1 ns}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.NATIVE_ACCESS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX,
        JvmFlags.NETTY_NO_LEAK_DETECTION, JvmFlags.UNSAFE_ALLOW, JvmFlags.NETTY_POOLED_CACHE_ALL_THREADS,
        JvmFlags.NETTY_ADAPTIVE_CACHE_ALL_THREADS})
@State(Scope.Thread)
public class FastPathBenchmark {
    /** Stack depth of the {@code none} baseline: one buffer is in use at a time. */
    private static final int STACK_DEPTH = 64;

    @Param({"2048", "4096"})
    public int pageSize;

    private PagePool pool;
    private PagePool strictPool;
    private SizeClassPool sizeClasses;
    private ThreadLocal<BufferStack> stacks;
    private ThreadLocal<BufferStack> arenaStacks;
    private Arena arena;
    private ByteBufAllocator nettyPooledAllocator;
    private ByteBufAllocator nettyAdaptiveAllocator;

    /** The {@code none} baseline's per-thread stack of pre-made buffers. */
    static final class BufferStack {
        final ByteBuffer[] buffers;
        int size;

        BufferStack(int pageSize, int depth, Arena arena) {
            buffers = new ByteBuffer[depth];
            for (int i = 0; i < depth; i++) {
                buffers[i] = arena == null ? ByteBuffer.allocateDirect(pageSize)
                        : arena.allocate(pageSize, pageSize).asByteBuffer();
            }
            size = depth;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        pool = PagePool.builder().name("fast-path").pageSize(pageSize).build();
        strictPool = PagePool.builder().name("fast-path-strict").pageSize(pageSize).strict(true).build();
        sizeClasses = SizeClassPool.builder().name("fast-path-classes").build();
        int size = pageSize;
        stacks = ThreadLocal.withInitial(() -> new BufferStack(size, STACK_DEPTH, null));
        arena = Arena.ofShared();
        arenaStacks = ThreadLocal.withInitial(() -> new BufferStack(size, STACK_DEPTH, arena));
        nettyPooledAllocator = new PooledByteBufAllocator(true);
        nettyAdaptiveAllocator = new AdaptiveByteBufAllocator(true);
        // every case's per-thread state exists before the promotion: this thread's cache, stack, magazines
        pool.release(pool.allocBuffer(pageSize));
        strictPool.release(strictPool.allocBuffer(pageSize));
        sizeClasses.release(sizeClasses.allocBuffer(pageSize));
        stacks.get();
        arenaStacks.get();
        nettyPooledAllocator.directBuffer(pageSize).release();
        nettyAdaptiveAllocator.directBuffer(pageSize).release();
        SteadyState.promoteToOldGeneration();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        strictPool.close();
        sizeClasses.close();
        arena.close();
    }

    @Benchmark
    public void none() {
        popWritePush(stacks.get());
    }

    @Benchmark
    public void noneArena() {
        popWritePush(arenaStacks.get());
    }

    private static void popWritePush(BufferStack stack) {
        ByteBuffer buffer = stack.buffers[--stack.size];
        buffer.clear();
        buffer.put(0, (byte) 1);
        stack.buffers[stack.size++] = buffer;
    }

    @Benchmark
    public void pool() {
        ByteBuffer buffer = pool.allocBuffer(pageSize);
        buffer.put(0, (byte) 1);
        pool.release(buffer);
    }

    @Benchmark
    public void poolPage() {
        Page page = pool.alloc();
        page.buffer().put(0, (byte) 1);
        page.release();
    }

    @Benchmark
    public void sizeClasses() {
        ByteBuffer buffer = sizeClasses.allocBuffer(pageSize);
        buffer.put(0, (byte) 1);
        sizeClasses.release(buffer);
    }

    @Benchmark
    public void sizeClassesPage() {
        Page page = sizeClasses.alloc(pageSize);
        page.buffer().put(0, (byte) 1);
        page.release();
    }

    @Benchmark
    public void poolStrict() {
        ByteBuffer buffer = strictPool.allocBuffer(pageSize);
        buffer.put(0, (byte) 1);
        strictPool.release(buffer);
    }

    @Benchmark
    public void poolPageStrict() {
        Page page = strictPool.alloc();
        page.buffer().put(0, (byte) 1);
        page.release();
    }

    @Benchmark
    public ByteBuffer jdkAllocateDirect() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(pageSize);
        buffer.put(0, (byte) 1);
        return buffer;
    }

    @Benchmark
    public void nettyPooled() {
        ByteBuf buffer = nettyPooledAllocator.directBuffer(pageSize);
        buffer.writeByte(1);
        buffer.release();
    }

    @Benchmark
    public void nettyAdaptive() {
        ByteBuf buffer = nettyAdaptiveAllocator.directBuffer(pageSize);
        buffer.writeByte(1);
        buffer.release();
    }
}
