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
package io.pagepool.agent.runtime;

import java.nio.ByteBuffer;

/**
 * What rewritten application code calls instead of {@code ByteBuffer.allocateDirect(int)}.
 * Before the agent installs a {@link BufferSwap} (and after a failed start) every call goes to
 * the JDK. Public because rewritten classes in any package call it; not an application API
 * (that is {@code io.pagepool.PagePools}).
 */
public final class DirectBuffers {
    /** Internal name of this class, for the bytecode rewriters. */
    public static final String INTERNAL_NAME = "io/pagepool/agent/runtime/DirectBuffers";
    /** Descriptor of {@link #allocateDirect(int, int)}, the call a rewritten site makes. */
    public static final String SITE_DESCRIPTOR = "(II)Ljava/nio/ByteBuffer;";

    private static volatile BufferSwap swap;

    private DirectBuffers() {
    }

    /** Installs the swap (null: back to the JDK for new allocations). */
    public static void install(BufferSwap newSwap) {
        swap = newSwap;
    }

    /** The installed swap, or null. */
    public static BufferSwap swap() {
        return swap;
    }

    /** A rewritten {@code allocateDirect}: pooled, released when unreachable or explicitly. */
    public static ByteBuffer allocateDirect(int capacity) {
        BufferSwap s = swap;
        return s != null ? s.allocateTracked(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    /**
     * A rewritten {@code allocateDirect} call site with its {@link SiteTable} id: pooled (released
     * when unreachable or explicitly) or the JDK's own, as the site's mode says.
     */
    public static ByteBuffer allocateDirect(int capacity, int site) {
        BufferSwap s = swap;
        return s != null ? s.allocateTracked(capacity, site) : ByteBuffer.allocateDirect(capacity);
    }

    /** A rewritten {@code allocateDirect} at a site proven scoped; paired with {@link #releaseScoped}. */
    public static ByteBuffer allocateScoped(int capacity) {
        BufferSwap s = swap;
        return s != null ? s.allocateScoped(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    /** Releases a scoped site's buffer where it died; null and non-pool buffers are ignored. */
    public static void releaseScoped(ByteBuffer buffer) {
        BufferSwap s = swap;
        if (s != null && buffer != null) {
            s.release(buffer, ReleasePath.SCOPED);
        }
    }

    /** Called after a {@code release=} method returns, once per ByteBuffer argument. */
    public static void releaseArgument(Object argument) {
        BufferSwap s = swap;
        if (s != null && argument instanceof ByteBuffer buffer) {
            s.release(buffer, ReleasePath.METHOD);
        }
    }
}
