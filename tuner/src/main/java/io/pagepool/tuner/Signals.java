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

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One control step's view of the pool: the counters' change since the previous step, pool-wide
 * and per cache, plus the gauges now. Made by {@link Sampler}.
 *
 * @param step the step number, from 1
 * @param now the pool's statistics now
 * @param ringFull pages that found the ring full in the interval
 * @param allocEmpty refills that found the ring empty in the interval
 * @param allocRefill refills served from the ring in the interval
 * @param slabsMapped slabs mapped in the interval
 * @param slabsUnmapped slabs returned to the OS in the interval
 * @param caches every live cache's interval
 */
record Signals(long step, PoolStats now, long ringFull, long allocEmpty, long allocRefill, long slabsMapped,
               long slabsUnmapped, List<CacheDelta> caches) {

    long underflows() {
        return caches.stream().mapToLong(CacheDelta::underflows).sum();
    }

    /** Reads the pool's counters and subtracts the previous reading. Tuner thread only. */
    static final class Sampler {
        private final PagePool pool;
        private Map<Long, CacheStats> previousCaches = Map.of();
        private PoolStats previous;
        private long step;

        Sampler(PagePool pool) {
            this.pool = pool;
        }

        Signals next() {
            PoolStats now = pool.stats();
            List<CacheStats> stats = pool.cacheStats();
            Map<Long, CacheStats> byId = new HashMap<>();
            List<CacheDelta> deltas = new ArrayList<>(stats.size());
            for (CacheStats c : stats) {
                byId.put(c.cacheId(), c);
                CacheStats p = previousCaches.get(c.cacheId());
                deltas.add(new CacheDelta(c.cacheId(), c.threadName(), c.virtualStripe(), c.capacity(), c.size(),
                        c.hits() - (p == null ? 0 : p.hits()), c.underflows() - (p == null ? 0 : p.underflows()),
                        c.overflows() - (p == null ? 0 : p.overflows()),
                        c.releases() - (p == null ? 0 : p.releases())));
            }
            PoolStats p = previous;
            Signals s = new Signals(++step, now,
                    p == null ? now.recycleRingFull() : now.recycleRingFull() - p.recycleRingFull(),
                    p == null ? now.allocEmpty() : now.allocEmpty() - p.allocEmpty(),
                    p == null ? now.allocRefill() : now.allocRefill() - p.allocRefill(),
                    p == null ? now.slabsMapped() : now.slabsMapped() - p.slabsMapped(),
                    p == null ? now.slabsUnmapped() : now.slabsUnmapped() - p.slabsUnmapped(),
                    List.copyOf(deltas));
            previous = now;
            previousCaches = byId;
            return s;
        }
    }
}
