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
 * Sizes the recycle ring and returns its idle stock:
 * <ul>
 *   <li>Pages that found the ring full went back to their slabs while, in the same interval,
 *       refills found it empty and carved from slabs: the ring is too small for the cross-thread
 *       traffic; it doubles (inside the budget, up to the pool's maximum).
 *   <li>When no refill took pages from the ring for {@code quietSteps} steps, what it holds is idle
 *       stock: from then on, each step returns half of it (at most
 *       {@code ringPagesReturnedPerStep}) to the slabs, so whole slabs can be returned to the OS.
 *       Gradually, never all at once.
 *   <li>While refills draw on the ring, it needs about two refill batches of stock; when its level
 *       never fell below more than that over {@code quietSteps} steps, half of the excess goes back
 *       to the slabs (at most {@code ringPagesReturnedPerStep}).
 *   <li>A ring that never got above a quarter full, with no page turned away, halves (down to
 *       {@code minRingCapacity}).
 * </ul>
 * Tuner thread only.
 */
final class RingSizer {
    private final TunerOptions options;
    private int window;
    private int stepsWithoutRefill;
    private int maxSize;
    private int minSize = Integer.MAX_VALUE;
    private long ringFull;

    RingSizer(TunerOptions options) {
        this.options = options;
    }

    void step(Signals s, MemoryBudget budget, Knobs knobs) {
        int cap = s.now().ringCapacity();
        int size = s.now().ringSize();
        if (s.ringFull() > 0 && s.allocEmpty() > 0) {
            int wanted = (int) Math.min(Math.min(2L * cap, knobs.pool().maxRingCapacity()),
                    cap + Math.max(0, budget.headroom()));
            if (wanted > cap) {
                knobs.change("ringCapacity", TunerDecisions.POOL_WIDE, cap, wanted,
                        "ring overflowed while refills found it empty", signals(s) + ", " + budget.signals(),
                        () -> knobs.pool().setRingCapacity(wanted));
                budget.moved(wanted - cap);
                resetWindow();
                return;
            }
        }
        stepsWithoutRefill = s.allocRefill() == 0 ? stepsWithoutRefill + 1 : 0;
        if (stepsWithoutRefill >= options.quietSteps() && size > 0 && options.ringPagesReturnedPerStep() > 0) {
            int give = Math.min((size + 1) / 2, options.ringPagesReturnedPerStep());
            int moved = knobs.pool().returnRingPages(give);
            if (moved > 0) {
                knobs.done("ringPages", TunerDecisions.POOL_WIDE, size, size - moved,
                        "idle ring stock returned to slabs", "stepsWithoutRefill=" + stepsWithoutRefill + ", "
                                + signals(s));
            }
        }
        maxSize = Math.max(maxSize, size);
        minSize = Math.min(minSize, size);
        ringFull += s.ringFull();
        if (++window < options.quietSteps()) {
            return;
        }
        int working = 2 * knobs.pool().refillBatch();
        if (stepsWithoutRefill < options.quietSteps() && minSize > working && options.ringPagesReturnedPerStep() > 0) {
            int give = Math.min((minSize - working + 1) / 2, options.ringPagesReturnedPerStep());
            int moved = knobs.pool().returnRingPages(give);
            if (moved > 0) {
                knobs.done("ringPages", TunerDecisions.POOL_WIDE, size, size - moved,
                        "ring stock never below " + minSize + " pages for " + window + " intervals",
                        "minRingSize=" + minSize + ", workingStock=" + working + ", " + signals(s));
            }
        }
        if (ringFull == 0 && maxSize < cap / 4 && cap > options.minRingCapacity()) {
            int wanted = Math.max(options.minRingCapacity(), cap / 2);
            knobs.change("ringCapacity", TunerDecisions.POOL_WIDE, cap, wanted,
                    "ring under a quarter full for " + window + " intervals", "maxRingSize=" + maxSize + ", "
                            + signals(s), () -> knobs.pool().setRingCapacity(wanted));
            budget.moved(wanted - cap);
        }
        resetWindow();
    }

    private void resetWindow() {
        window = 0;
        maxSize = 0;
        minSize = Integer.MAX_VALUE;
        ringFull = 0;
    }

    private static String signals(Signals s) {
        return "ringSize=" + s.now().ringSize() + ", ringFull=" + s.ringFull() + ", allocEmpty=" + s.allocEmpty();
    }
}
