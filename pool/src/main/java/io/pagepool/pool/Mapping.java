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
package io.pagepool.pool;

/**
 * How a slab's memory is prepared when it is mapped: the analogue of the kernel page_pool's DMA
 * mapping. It is applied once per slab and kept while the slab's pages recycle, so the hot path
 * never pays for it.
 */
public enum Mapping {
    /** Just allocated: the OS faults pages in on first touch (on the hot path). */
    PLAIN,
    /** Every OS page touched once when the slab is mapped, so no page fault on the hot path. */
    PREFAULT,
    /**
     * Locked in RAM with {@code mlock} (never swapped; implies pre-faulted). Needs native access
     * and a large enough RLIMIT_MEMLOCK; otherwise the pool falls back to {@link #PREFAULT} with
     * one warning and counts the fallback.
     */
    PINNED,
    /**
     * Transparent huge pages requested with {@code madvise(MADV_HUGEPAGE)}, then pre-faulted. Needs
     * native access; otherwise falls back to {@link #PREFAULT} with one warning.
     */
    HUGEPAGE;

    /** True when this mode needs calls into libc through the FFM {@code Linker}. */
    boolean needsNativeCalls() {
        return this == PINNED || this == HUGEPAGE;
    }
}
