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
package io.pagepool.tuner;

import io.pagepool.recorder.TunerDecisions;

/**
 * Sizes the refill batch (pool-wide). Misses of caches that have not overflowed lately and are
 * at least a batch large are the batch's fault, not the capacity's: a cache that allocates more than
 * it gets back (a producer whose pages other threads release) misses once per batch whatever its
 * capacity. When such misses are most of the misses, the batch doubles, up to
 * {@code maxRefillBatch} and half the ring. After {@code quietSteps} steps without such misses it
 * halves, back down to the pool's initial batch. Tuner thread only.
 */
final class RefillSizer {
    /** Batch-bound misses per interval below this are noise. */
    static final int MIN_MISSES = 8;

    private final TunerOptions options;
    private final int initialBatch;
    private final int maxCapacity;
    private int quiet;

    RefillSizer(TunerOptions options, int initialBatch, int poolMaxCacheCapacity) {
        this.options = options;
        this.initialBatch = initialBatch;
        this.maxCapacity = poolMaxCacheCapacity;
    }

    void step(Signals s, Knobs knobs) {
        int batch = knobs.pool().refillBatch();
        long batchBound = 0;
        for (CacheDelta c : s.caches()) {
            if (c.underflows() > 0 && c.overflows() == 0 && c.capacity() >= batch) {
                batchBound += c.underflows();
            }
        }
        long all = s.underflows();
        String signals = "batchBoundUnderflows=" + batchBound + ", underflows=" + all;
        if (batchBound >= MIN_MISSES && 2 * batchBound >= all) {
            quiet = 0;
            int ringCapacity = knobs.pool().ringCapacity();
            int wanted = Math.min(Math.min(2 * batch, options.maxRefillBatch()),
                    Math.min(maxCapacity, Math.max(1, ringCapacity / 2)));
            if (wanted > batch) {
                knobs.change("refillBatch", TunerDecisions.POOL_WIDE, batch, wanted,
                        "misses of caches that never overflow: the batch is the limit", signals,
                        () -> knobs.pool().setRefillBatch(wanted));
            }
        } else if (batchBound == 0 && ++quiet >= options.quietSteps()) {
            quiet = 0;
            int wanted = Math.max(initialBatch, batch / 2);
            if (wanted < batch) {
                knobs.change("refillBatch", TunerDecisions.POOL_WIDE, batch, wanted,
                        "no batch-bound miss for " + options.quietSteps() + " intervals", signals,
                        () -> knobs.pool().setRefillBatch(wanted));
            }
        }
    }
}
