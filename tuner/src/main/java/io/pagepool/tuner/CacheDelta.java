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

/**
 * What one thread cache did during the last control interval (counter deltas) and where it is now
 * (capacity, size).
 */
record CacheDelta(long cacheId, String threadName, boolean virtualStripe, int capacity, int size, long hits,
                  long underflows, long overflows, long releases) {

    /** Any operation at all: an allocation or a release into it. */
    boolean active() {
        return hits + underflows + releases > 0;
    }

    /** Misses per allocation in the interval, 0..1. */
    double missRatio() {
        long allocs = hits + underflows;
        return allocs == 0 ? 0 : (double) underflows / allocs;
    }

    String signals() {
        return "hits=" + hits + ", underflows=" + underflows + ", overflows=" + overflows + ", releases=" + releases
                + ", size=" + size;
    }
}
