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
 * Gives memory back to the OS, gradually:
 * <ul>
 *   <li>Every step, reclaims the caches of threads that have ended (their pages go to the ring
 *       and slabs; the pool alone does it only when a thread registers or the budget is spent).
 *   <li>Slab reserve: a slab mapped in an interval after one was unmapped within
 *       {@code quietSteps} steps is map/unmap churn: keep one more free slab (up to
 *       {@code maxSlabReserve}). No slab mapped for {@code quietSteps} steps: keep one fewer, which
 *       returns at most one idle slab to the OS per quiet period, never a storm.
 * </ul>
 * Tuner thread only.
 */
final class SlabReclaimer {
    private final TunerOptions options;
    private int quiet;
    private long lastUnmapStep = Long.MIN_VALUE / 2;

    SlabReclaimer(TunerOptions options) {
        this.options = options;
    }

    void step(Signals s, Knobs knobs) {
        int caches = s.now().threadCaches();
        int reclaimed = knobs.pool().reclaimEndedThreadCaches();
        if (reclaimed > 0) {
            knobs.done("threadCaches", TunerDecisions.POOL_WIDE, caches, caches - reclaimed,
                    "threads ended: their caches reclaimed", "reclaimed=" + reclaimed);
        }
        int reserve = knobs.pool().slabReserve();
        String signals = "slabsMapped=" + s.slabsMapped() + ", slabsUnmapped=" + s.slabsUnmapped()
                + ", pagesMapped=" + s.now().pagesMapped();
        if (s.slabsUnmapped() > 0) {
            lastUnmapStep = s.step();
        }
        if (s.slabsMapped() > 0) {
            quiet = 0;
            if (s.step() - lastUnmapStep <= options.quietSteps() && reserve < options.maxSlabReserve()) {
                int wanted = reserve + 1;
                knobs.change("slabReserve", TunerDecisions.POOL_WIDE, reserve, wanted,
                        "slab mapped soon after one was unmapped (churn)", signals,
                        () -> knobs.pool().setSlabReserve(wanted));
            }
        } else if (++quiet >= options.quietSteps()) {
            quiet = 0;
            if (reserve > 0) {
                int wanted = reserve - 1;
                knobs.change("slabReserve", TunerDecisions.POOL_WIDE, reserve, wanted,
                        "no slab mapped for " + options.quietSteps() + " intervals: one idle slab returned",
                        signals, () -> knobs.pool().setSlabReserve(wanted));
            } else {
                int trimmed = knobs.pool().trim(0);
                if (trimmed > 0) {
                    knobs.done("trimmedSlabs", TunerDecisions.POOL_WIDE, 0, trimmed, "idle free slabs returned",
                            signals);
                }
            }
        }
    }
}
