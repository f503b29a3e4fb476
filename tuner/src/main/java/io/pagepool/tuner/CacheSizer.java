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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sizes each thread cache, after tcmalloc's per-CPU cache resizing:
 * <ul>
 *   <li><b>Grow on misses.</b> A cache that underflowed within an interval of overflowing is too
 *       small for its working set (it flushed pages it then had to fetch back): it grows by a whole
 *       refill batch, and that capacity is remembered as the one that works. A cache that only
 *       underflows (it allocates more than it gets back) grows at once to a refill batch (a smaller
 *       capacity clips the batch), then by a quarter batch up to two batches; beyond that, capacity
 *       cannot save misses, a larger batch can ({@link RefillSizer}).
 *   <li><b>Steal, with hysteresis.</b> When the budget has no room, the receiver takes capacity
 *       from the quietest caches, a quarter of a donor at most per step, and only from donors whose
 *       misses are well below its own (under a quarter).
 *   <li><b>Shrink slowly.</b> A cache with no miss for {@code quietSteps} steps gives an eighth of
 *       its capacity back, never below the capacity that was seen to work nor below the minimum.
 *   <li><b>Drain the idle.</b> A cache with no operation for {@code idleSteps} steps gets capacity
 *       0. The pool never takes pages out of a live thread's cache (that would put an atomic on the
 *       owner's fast path): the owner flushes at its next operation. So an idle thread that is
 *       alive keeps its parked pages until it touches the pool again or ends; once it ends, the
 *       tuner's {@code reclaimEndedThreadCaches()} returns them. When the cache wakes up it gets the
 *       capacity of new caches back.
 * </ul>
 * Tuner thread only.
 */
final class CacheSizer {
    /** A cache gives capacity only if its misses are below 1/HYSTERESIS of the receiver's. */
    static final int HYSTERESIS = 4;

    private final TunerOptions options;
    private final int maxCapacity;
    private final Map<Long, State> states = new HashMap<>();

    private static final class State {
        int quiet;
        int idle;
        long lastOverflowStep = Long.MIN_VALUE / 2;
        /** The capacity that was seen to avoid overflow-then-underflow; quiet shrinking stops there. */
        int works;
        boolean drained;
    }

    private record Growth(CacheDelta cache, int wanted, String reason) {
    }

    CacheSizer(TunerOptions options, int poolMaxCacheCapacity) {
        this.options = options;
        this.maxCapacity = Math.min(options.maxCacheCapacity(), poolMaxCacheCapacity);
    }

    void step(Signals s, MemoryBudget budget, Knobs knobs) {
        int batch = knobs.pool().refillBatch();
        Map<Long, State> seen = new HashMap<>();
        Map<Long, Integer> capacities = new HashMap<>();
        List<Growth> growths = new ArrayList<>();
        List<CacheDelta> quiet = new ArrayList<>();
        for (CacheDelta c : s.caches()) {
            State st = states.getOrDefault(c.cacheId(), new State());
            seen.put(c.cacheId(), st);
            capacities.put(c.cacheId(), c.capacity());
            st.idle = c.active() ? 0 : st.idle + 1;
            if (c.overflows() > 0) {
                st.lastOverflowStep = s.step();
            }
            if (st.drained || c.capacity() == 0) {
                if (c.active()) {
                    int restored = Math.max(options.minCacheCapacity(),
                            Math.min(maxCapacity, knobs.pool().newCacheCapacity()));
                    growths.add(new Growth(c, restored, "idle cache active again"));
                }
                continue;
            }
            if (st.idle >= options.idleSteps()) {
                set(knobs, budget, capacities, c, 0, "idle for " + st.idle + " intervals: the owner drains it at its"
                        + " next operation, an ended thread's cache is reclaimed", c.signals());
                st.drained = true;
                st.works = 0;
                st.quiet = 0;
                continue;
            }
            if (c.underflows() > 0) {
                st.quiet = 0;
                if (s.step() - st.lastOverflowStep <= 1) {
                    int wanted = c.capacity() + batch;
                    st.works = Math.max(st.works, Math.min(wanted, maxCapacity));
                    growths.add(new Growth(c, wanted, "overflow followed by underflow"));
                } else if (c.capacity() < batch) {
                    growths.add(new Growth(c, batch, "underflows; capacity below the refill batch"));
                } else if (c.capacity() < 2 * batch) {
                    growths.add(new Growth(c, Math.min(2 * batch, c.capacity() + Math.max(1, batch / 4)),
                            "underflows"));
                }
            } else if (c.active() && ++st.quiet >= options.quietSteps()) {
                st.quiet = 0;
                quiet.add(c);
            }
        }
        states.keySet().retainAll(seen.keySet());
        states.putAll(seen);

        growths.sort(Comparator.comparingLong((Growth g) -> g.cache().underflows()).reversed());
        for (Growth g : growths) {
            grow(s, budget, knobs, capacities, g);
        }
        for (CacheDelta c : quiet) {
            State st = states.get(c.cacheId());
            int cap = capacities.get(c.cacheId());
            int floor = floor(st, s.step(), batch);
            int target = Math.max(floor, cap - Math.max(1, cap / 8));
            if (target < cap) {
                set(knobs, budget, capacities, c, target, "no miss for " + options.quietSteps() + " intervals",
                        c.signals());
            }
        }
        if (budget.headroom() < 0) {
            shrinkToBudget(s, budget, knobs, capacities, batch);
        }
    }

    /** The least a live, active cache keeps: the capacity that worked, a batch for a releaser, the minimum. */
    private int floor(State st, long step, int batch) {
        int floor = Math.max(options.minCacheCapacity(), st.works);
        if (step - st.lastOverflowStep <= options.quietSteps()) {
            floor = Math.max(floor, Math.min(batch, maxCapacity)); // flushes stay whole half-batches
        }
        return floor;
    }

    private void grow(Signals s, MemoryBudget budget, Knobs knobs, Map<Long, Integer> capacities, Growth g) {
        CacheDelta c = g.cache();
        int cap = capacities.get(c.cacheId());
        int wanted = Math.min(g.wanted(), maxCapacity);
        int need = wanted - cap;
        if (need <= 0) {
            return;
        }
        if (budget.headroom() < need) {
            steal(s, budget, knobs, capacities, c, need - (int) Math.max(0, budget.headroom()));
        }
        int granted = (int) Math.min(need, Math.max(0, budget.headroom()));
        if (granted > 0) {
            State st = states.get(c.cacheId());
            st.drained = false;
            set(knobs, budget, capacities, c, cap + granted,
                    granted < need ? g.reason() + " (budget: " + granted + " of " + need + " pages)" : g.reason(),
                    c.signals() + ", " + budget.signals());
        }
    }

    /** Takes up to {@code need} pages of capacity from caches whose misses are well below the receiver's. */
    private void steal(Signals s, MemoryBudget budget, Knobs knobs, Map<Long, Integer> capacities,
                       CacheDelta receiver, int need) {
        int batch = knobs.pool().refillBatch();
        List<CacheDelta> donors = new ArrayList<>();
        for (CacheDelta d : s.caches()) {
            if (d.cacheId() != receiver.cacheId() && d.underflows() * HYSTERESIS < receiver.underflows()
                    && capacities.get(d.cacheId()) > 0) {
                donors.add(d);
            }
        }
        donors.sort(Comparator.comparingLong(CacheDelta::underflows)
                .thenComparing(d -> -capacities.get(d.cacheId())));
        for (CacheDelta d : donors) {
            if (need <= 0) {
                return;
            }
            State st = states.get(d.cacheId());
            int cap = capacities.get(d.cacheId());
            int give = Math.min(need, Math.min(cap - floor(st, s.step(), batch), Math.max(1, cap / 4)));
            if (give > 0) {
                set(knobs, budget, capacities, d, cap - give, "capacity stolen by cache " + receiver.cacheId()
                        + " (its underflows " + receiver.underflows() + " vs " + d.underflows() + ")",
                        d.signals() + ", " + budget.signals());
                need -= give;
            }
        }
    }

    /** Over budget (many new caches, say): the caches with the fewest misses give a quarter, step by step. */
    private void shrinkToBudget(Signals s, MemoryBudget budget, Knobs knobs, Map<Long, Integer> capacities,
                                int batch) {
        List<CacheDelta> byMisses = new ArrayList<>(s.caches());
        byMisses.sort(Comparator.comparingLong(CacheDelta::underflows)
                .thenComparing(d -> -capacities.get(d.cacheId())));
        for (CacheDelta d : byMisses) {
            if (budget.headroom() >= 0) {
                return;
            }
            int cap = capacities.get(d.cacheId());
            int floor = Math.min(options.minCacheCapacity(), cap);
            int give = (int) Math.min(-budget.headroom(), Math.min(cap - floor, Math.max(1, cap / 4)));
            if (give > 0) {
                set(knobs, budget, capacities, d, cap - give, "over the memory budget",
                        d.signals() + ", " + budget.signals());
            }
        }
    }

    /**
     * Sets one cache's capacity. The signals were sampled before ended threads' caches were
     * reclaimed (by this step or by the pool), so the cache may be gone: then nothing is set, no
     * decision is recorded, and its capacity counts as 0 (reclaiming freed it).
     */
    private static void set(Knobs knobs, MemoryBudget budget, Map<Long, Integer> capacities, CacheDelta c, int to,
                            String reason, String signals) {
        int from = capacities.get(c.cacheId());
        int now = knobs.changeIfApplied("cacheCapacity", c.cacheId(), from, to, reason, signals,
                () -> knobs.pool().setCacheCapacity(c.cacheId(), to)) ? to : 0;
        capacities.put(c.cacheId(), now);
        budget.moved(now - from);
    }
}
