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
package io.pagepool;

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * For applications that choose to help the pagepool agent: return a pooled buffer at once
 * instead of when it becomes unreachable. Safe without the agent (every call is a no-op).
 *
 * <p>Compile against {@code pagepool-agent.jar}; at run time the agent's copy of this class is
 * the one loaded.
 */
public final class PagePools {
    private PagePools() {
    }

    /**
     * Returns the page of {@code buffer}, a buffer that a rewritten {@code ByteBuffer.allocateDirect}
     * returned, to the pool now. Do not touch the buffer, or any view of it, afterwards.
     *
     * @return true if the page went back; false, with no effect, for null, a buffer the agent
     *         did not hand out (heap, JDK, larger than the largest size class), a view derived
     *         from one (pass the buffer itself), one already released, or when the agent is not running
     */
    public static boolean release(ByteBuffer buffer) {
        BufferSwap swap = DirectBuffers.swap();
        return swap != null && swap.release(buffer, ReleasePath.API);
    }

    /** Whether {@code buffer} is a live buffer handed out by the agent's pool (any size class). */
    public static boolean isPooled(ByteBuffer buffer) {
        BufferSwap swap = DirectBuffers.swap();
        return swap != null && swap.isPooled(buffer);
    }

    /**
     * The agent's pool, when the agent runs in this JVM: its size classes under one budget
     * ({@code allocBuffer(bytes)} takes the smallest class that fits, {@code release} any class,
     * {@code stats()} sums the classes, {@code classes()} lists them).
     */
    public static Optional<SizeClassPool> pool() {
        BufferSwap swap = DirectBuffers.swap();
        return swap == null ? Optional.empty() : Optional.of(swap.pool());
    }

    /**
     * The agent's size class serving requests of {@code bytes} (a full {@code PagePool} whose
     * {@code pageSize()} is the class), when the agent runs in this JVM and {@code bytes} is 1 to
     * its largest class ({@code maxSize=}).
     */
    public static Optional<PagePool> pool(int bytes) {
        BufferSwap swap = DirectBuffers.swap();
        return swap == null || bytes <= 0 ? Optional.empty() : Optional.ofNullable(swap.pool().classFor(bytes));
    }
}
