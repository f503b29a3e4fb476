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

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.pool.SizeClassPool;
import io.pagepool.recorder.TunerDecisions;
import java.util.List;

/**
 * Moves budget shares between size classes: when a class had requests waived for the budget in an
 * interval while another class maps more than a fair share (the budget over the active classes),
 * {@code stepBytes} of mapping room go from the one mapping most to the one in need: the donor's
 * share drops to what it maps less the step (never below the group's floor nor a fair share), the
 * receiver's rises to what it maps plus the step. At most one move per step: a move takes effect
 * as the donor's pages come back, so every step a class mapping more than its share returns its
 * free slabs to the OS ({@code trimmedSlabs}), making room for the class in need. Each changed
 * share is an {@code io.pagepool.TunerDecision} ({@code shareBytes}, on that class's pool).
 * Tuner thread only.
 */
final class ShareMover {
    /** The step: this fraction of the budget, at least one page of the receiving class. */
    static final int STEP_DIVISOR = 16;

    private final SizeClassPool group;
    private final List<Knobs> knobs;
    private final long[] lastWaiveBudget;

    ShareMover(SizeClassPool group, List<Knobs> knobs) {
        this.group = group;
        this.knobs = knobs;
        this.lastWaiveBudget = new long[knobs.size()];
    }

    void step() {
        List<PagePool> classes = group.classes();
        int n = classes.size();
        PoolStats[] now = new PoolStats[n];
        int receiver = -1;
        long mostWaived = 0;
        int active = 0;
        for (int i = 0; i < n; i++) {
            PagePool cls = classes.get(i);
            now[i] = cls.stats();
            long waived = now[i].waiveBudget() - lastWaiveBudget[i];
            lastWaiveBudget[i] = now[i].waiveBudget();
            if (group.active(cls)) {
                active++;
            }
            if (waived > mostWaived) {
                mostWaived = waived;
                receiver = i;
            }
        }
        for (int i = 0; i < n; i++) {
            PagePool cls = classes.get(i);
            if (now[i].bytesMapped() > group.shareBytes(cls)) {
                trimOverShare(cls, now[i]);
            }
        }
        if (receiver < 0 || n < 2) {
            return;
        }
        long budget = group.maxMemoryBytes();
        long fair = budget / Math.max(2, active);
        long floor = Math.max(group.floorBytes(), fair);
        int donor = -1;
        for (int i = 0; i < n; i++) {
            if (i != receiver && now[i].bytesMapped() > floor
                    && (donor < 0 || now[i].bytesMapped() > now[donor].bytesMapped())) {
                donor = i;
            }
        }
        if (donor < 0) {
            return; // every other class maps at most a fair share: the budget is simply too small
        }
        move(classes.get(donor), now[donor], classes.get(receiver), now[receiver], mostWaived, floor, budget);
    }

    private void move(PagePool from, PoolStats fromStats, PagePool to, PoolStats toStats, long waived, long floor,
                      long budget) {
        long step = Math.max(to.pageSize(), budget / STEP_DIVISOR);
        long fromBefore = group.shareBytes(from);
        long fromAfter = Math.max(floor, Math.min(fromBefore, fromStats.bytesMapped()) - step);
        long toBefore = group.shareBytes(to);
        long toAfter = Math.min(budget, Math.max(toBefore, toStats.bytesMapped() + step));
        String signals = "waiveBudget=" + waived + " (" + to.name() + "), bytesMapped=" + fromStats.bytesMapped()
                + " (" + from.name() + "), bytesMapped=" + toStats.bytesMapped() + " (" + to.name()
                + "), fairShareBytes=" + floor + ", maxMemoryBytes=" + budget;
        if (fromAfter < fromBefore) {
            knobs(from).change("shareBytes", TunerDecisions.POOL_WIDE, fromBefore, fromAfter,
                    "share moved to " + to.name() + ": it waived requests for the budget while this class mapped"
                            + " more than a fair share", signals, () -> group.setShareBytes(from, fromAfter));
            trimOverShare(from, fromStats);
        }
        if (toAfter > toBefore) {
            knobs(to).change("shareBytes", TunerDecisions.POOL_WIDE, toBefore, toAfter,
                    "share moved from " + from.name() + ": this class waived requests for the budget", signals,
                    () -> group.setShareBytes(to, toAfter));
        }
    }

    /** Returns the free slabs of a class that maps more than its share. */
    private void trimOverShare(PagePool cls, PoolStats stats) {
        int trimmed = cls.trim(0);
        if (trimmed > 0) {
            knobs(cls).done("trimmedSlabs", TunerDecisions.POOL_WIDE, 0, trimmed,
                    "free slabs returned: the class maps more than its share", "bytesMapped=" + stats.bytesMapped()
                            + ", shareBytes=" + group.shareBytes(cls));
        }
    }

    private Knobs knobs(PagePool cls) {
        return knobs.get(group.classes().indexOf(cls));
    }
}
