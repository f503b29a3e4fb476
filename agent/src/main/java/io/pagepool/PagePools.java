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
     *         did not hand out (heap, JDK, too large), a view derived from one (pass the buffer
     *         itself), one already released, or when the agent is not running
     */
    public static boolean release(ByteBuffer buffer) {
        BufferSwap swap = DirectBuffers.swap();
        return swap != null && swap.release(buffer, ReleasePath.API);
    }

    /** Whether {@code buffer} is a live buffer handed out by the agent's pool. */
    public static boolean isPooled(ByteBuffer buffer) {
        BufferSwap swap = DirectBuffers.swap();
        return swap != null && swap.isPooled(buffer);
    }

    /** The agent's pool, when the agent runs in this JVM. */
    public static Optional<PagePool> pool() {
        BufferSwap swap = DirectBuffers.swap();
        return swap == null ? Optional.empty() : Optional.of(swap.pool());
    }
}
