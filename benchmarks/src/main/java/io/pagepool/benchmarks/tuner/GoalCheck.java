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

import java.util.Comparator;
import java.util.List;

/**
 * The tuner's goal in one phase: (1) it beats the kernel default on fast-path ratio or on memory
 * without losing on the other, and (2) it holds at most 1.25x the memory of the best static
 * configuration for the phase, chosen in hindsight, at no lower fast-path ratio. The best static
 * is the one with the highest fast-path ratio (within {@link #FAST_EPSILON}) and, among those, the
 * least memory. Noise margins: fast-path ratios within {@link #FAST_EPSILON} are equal; memory
 * within {@link #MEMORY_SLACK} (relative) plus one slab is equal.
 */
record GoalCheck(PhaseResult tuner, PhaseResult kernelDefault, PhaseResult bestStatic, boolean beatsDefault,
                 boolean withinBest, String verdict) {
    static final double FAST_EPSILON = 0.001;
    static final double MEMORY_SLACK = 0.03;
    static final double MEMORY_FACTOR = 1.25;
    static final double SLAB_PAGES = (double) Configuration.SLAB_BYTES / Configuration.PAGE_SIZE;

    static GoalCheck of(List<PhaseResult> phase) {
        PhaseResult tuner = phase.stream().filter(r -> r.configuration().tuned()).findFirst().orElseThrow();
        PhaseResult kernel = phase.stream().filter(r -> r.configuration().isKernelDefault()).findFirst()
                .orElseThrow();
        List<PhaseResult> statics = phase.stream().filter(r -> !r.configuration().tuned()).toList();
        double bestFast = statics.stream().mapToDouble(PhaseResult::fastPathRatio).max().orElse(1);
        PhaseResult best = statics.stream().filter(r -> r.fastPathRatio() >= bestFast - FAST_EPSILON)
                .min(Comparator.comparingDouble(PhaseResult::avgPagesMapped)).orElseThrow();

        boolean fastBetter = tuner.fastPathRatio() > kernel.fastPathRatio() + FAST_EPSILON;
        boolean fastNotWorse = tuner.fastPathRatio() >= kernel.fastPathRatio() - FAST_EPSILON;
        boolean memBetter = tuner.avgPagesMapped() < kernel.avgPagesMapped() * (1 - MEMORY_SLACK) - SLAB_PAGES;
        boolean memNotWorse = tuner.avgPagesMapped() <= kernel.avgPagesMapped() * (1 + MEMORY_SLACK) + SLAB_PAGES;
        boolean beats = (fastBetter && memNotWorse) || (memBetter && fastNotWorse);
        boolean within = tuner.avgPagesMapped() <= best.avgPagesMapped() * MEMORY_FACTOR + SLAB_PAGES
                && tuner.fastPathRatio() >= best.fastPathRatio() - FAST_EPSILON;

        String vsDefault = String.format("vs kernel default: fast-path %+.4f, memory %.2fx -> %s", 
                tuner.fastPathRatio() - kernel.fastPathRatio(), ratio(tuner, kernel),
                beats ? "BEATS (" + (fastBetter && memBetter ? "both" : fastBetter ? "fast path" : "memory") + ")"
                        : "does not beat (" + (fastNotWorse ? "" : "loses fast path ")
                        + (memNotWorse ? "" : "loses memory ")
                        + (fastNotWorse && memNotWorse ? "tie" : "").trim() + ")");
        String vsBest = String.format("vs best static in hindsight [%s]: fast-path %+.4f, memory %.2fx -> %s",
                best.configuration().name(), tuner.fastPathRatio() - best.fastPathRatio(), ratio(tuner, best),
                within ? "HOLDS" : "MISSED");
        return new GoalCheck(tuner, kernel, best, beats, within, vsDefault + "\n  " + vsBest);
    }

    boolean holds() {
        return beatsDefault && withinBest;
    }

    private static double ratio(PhaseResult a, PhaseResult b) {
        return b.avgPagesMapped() == 0 ? (a.avgPagesMapped() == 0 ? 1 : Double.POSITIVE_INFINITY)
                : a.avgPagesMapped() / b.avgPagesMapped();
    }
}
