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

/**
 * The flags every JMH fork of this suite gets (through {@code @Fork(jvmArgsAppend = ...)}), as
 * constants so that each benchmark names them instead of repeating strings.
 */
final class JvmFlags {
    /** FFM native calls: {@code mmap}, {@code mlock}, {@code madvise}; without it slabs come from an Arena. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** A fixed heap, so that GC sizing does not drift between forks. */
    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";
    /** Netty's leak detector samples allocations and records stack traces: off for a fair baseline. */
    static final String NETTY_NO_LEAK_DETECTION = "-Dio.netty.leakDetection.level=disabled";
    /**
     * Netty 4.2 turns its Unsafe-based fast paths off on JDK 25 unless this is given;
     * Netty's own tuning guidance is to give it, so the baseline gets it.
     */
    static final String UNSAFE_ALLOW = "--sun-misc-unsafe-memory-access=allow";
    /**
     * Netty gives thread caches (Pooled) and thread-local magazines (Adaptive) only to its own
     * event-loop threads by default; the JMH thread stands for one, so it gets them too.
     */
    static final String NETTY_POOLED_CACHE_ALL_THREADS = "-Dio.netty.allocator.useCacheForAllThreads=true";
    static final String NETTY_ADAPTIVE_CACHE_ALL_THREADS =
            "-Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=true";
    /** The JVM-wide static switch that removes pagepool's counters. */
    static final String POOL_STATS_OFF = "-Dpagepool.stats=false";

    private JvmFlags() {
    }
}
