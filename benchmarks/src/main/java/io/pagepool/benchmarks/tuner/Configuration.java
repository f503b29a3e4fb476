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
package io.pagepool.benchmarks.tuner;

import io.pagepool.pool.PagePool;

/**
 * One way to run the pool: static knobs, or the kernel's defaults with the online tuner moving them.
 *
 * @param name as printed
 * @param cacheCapacity initial (static: fixed) capacity of each thread cache
 * @param refillBatch initial refill batch
 * @param ringCapacity initial ring capacity
 * @param tuned whether the tuner runs
 */
record Configuration(String name, int cacheCapacity, int refillBatch, int ringCapacity, boolean tuned) {
    static final int PAGE_SIZE = 4096;
    /** Small slabs (16 pages) so that pages mapped follows what the pool holds closely. */
    static final long SLAB_BYTES = 64 << 10;
    static final long MAX_MEMORY_BYTES = 256L << 20;

    static Configuration fixed(int cache, int refill, int ring) {
        return new Configuration("static c" + cache + "/r" + refill + "/ring" + ring, cache, refill, ring, false);
    }

    static Configuration kernelDefault() {
        return new Configuration("kernel default c128/r64/ring1024", 128, 64, 1024, false);
    }

    static Configuration tuner() {
        return new Configuration("tuner (from c128/r64/ring1024)", 128, 64, 1024, true);
    }

    boolean isKernelDefault() {
        return !tuned && cacheCapacity == 128 && refillBatch == 64 && ringCapacity == 1024;
    }

    PagePool build() {
        return PagePool.builder().name("eval-" + name.replace(' ', '-')).pageSize(PAGE_SIZE).slabBytes(SLAB_BYTES)
                .maxMemoryBytes(MAX_MEMORY_BYTES).cacheCapacity(cacheCapacity).refillBatch(refillBatch)
                .ringCapacity(ringCapacity).warnings(w -> { }).build();
    }
}
