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
import java.util.Arrays;

/**
 * Sets the capacity that caches created from now on start with: the median capacity of the
 * active platform-thread caches, so a thread added to a pool of workers starts where its peers
 * ended up. Moves only when the median is a quarter away from the current value. Tuner thread only.
 */
final class NewCacheSizer {
    private final TunerOptions options;
    private final int maxCapacity;

    NewCacheSizer(TunerOptions options, int poolMaxCacheCapacity) {
        this.options = options;
        this.maxCapacity = Math.min(options.maxCacheCapacity(), poolMaxCacheCapacity);
    }

    void step(Signals s, Knobs knobs) {
        int[] caps = s.caches().stream()
                .filter(c -> !c.virtualStripe() && c.active() && c.capacity() > 0)
                .mapToInt(CacheDelta::capacity).toArray();
        if (caps.length == 0) {
            return;
        }
        Arrays.sort(caps);
        int median = caps[caps.length / 2];
        int wanted = Math.clamp(((median + 7) / 8) * 8L, options.minCacheCapacity(), maxCapacity);
        int current = knobs.pool().newCacheCapacity();
        if (Math.abs(wanted - current) * 4 >= current) {
            knobs.change("newCacheCapacity", TunerDecisions.POOL_WIDE, current, wanted,
                    "median capacity of " + caps.length + " active caches", "medianCapacity=" + median,
                    () -> knobs.pool().setNewCacheCapacity(wanted));
        }
    }
}
