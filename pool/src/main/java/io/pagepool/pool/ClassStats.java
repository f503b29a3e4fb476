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

/** Sums the statistics of a {@link SizeClassPool}'s classes into one {@link PoolStats}. */
final class ClassStats {
    private ClassStats() {
    }

    /** Every counter and gauge summed over {@code each}; {@code maxMemoryBytes} is the group's one budget. */
    static PoolStats sum(PoolStats[] each, long maxMemoryBytes) {
        long[] l = new long[26];
        int ringSize = 0;
        int ringCapacity = 0;
        int threadCaches = 0;
        for (PoolStats s : each) {
            long[] v = {s.allocFast(), s.allocSlow(), s.allocSlowHighOrder(), s.allocEmpty(), s.allocRefill(),
                s.allocWaive(), s.recycleCached(), s.recycleCacheFull(), s.recycleRing(), s.recycleRingFull(),
                s.recycleReleasedRefcnt(), s.allocPages(), s.releasePages(), s.inflightPages(), s.waiveBudget(),
                s.waiveSize(), s.waiveClosed(), s.pagesMapped(), s.bytesMapped(), s.slabsMapped(),
                s.slabsUnmapped(), s.mappingFallbacks(), s.doubleReturnsDropped(), s.cachedPages(),
                s.cacheCapacityTotal()};
            for (int i = 0; i < v.length; i++) {
                l[i] += v[i];
            }
            ringSize += s.ringSize();
            ringCapacity += s.ringCapacity();
            threadCaches += s.threadCaches();
        }
        return new PoolStats(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[12], l[13],
                l[14], l[15], l[16], l[17], l[18], maxMemoryBytes, l[19], l[20], l[21], l[22], ringSize,
                ringCapacity, l[23], threadCaches, l[24]);
    }
}
