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

/**
 * What one configuration did in one phase.
 *
 * @param phase the phase
 * @param configuration the configuration
 * @param allocPages pages handed out in the phase
 * @param allocFast of which from a thread cache without a refill
 * @param avgPagesMapped memory: pages in mapped slabs, averaged over samples every 10 ms
 * @param avgParkedPages free pages parked in thread caches and the ring, averaged likewise
 * @param decisions tuner decisions in the phase (0 for static configurations)
 */
record PhaseResult(Phase phase, Configuration configuration, long allocPages, long allocFast, double avgPagesMapped,
                   double avgParkedPages, int decisions) {

    /** allocFast / allocPages; 1 when nothing was allocated. */
    double fastPathRatio() {
        return allocPages == 0 ? 1.0 : (double) allocFast / allocPages;
    }

    /** Allocations that did not come from the fast path (a refill from the ring or from slabs). */
    long slowAllocations() {
        return allocPages - allocFast;
    }
}
