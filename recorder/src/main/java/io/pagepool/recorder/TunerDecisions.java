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
package io.pagepool.recorder;

import io.pagepool.pool.PagePool;

/**
 * Commits {@code io.pagepool.TunerDecision} events: the tuner calls {@link #commit} for every knob
 * it moves.
 *
 * <pre>{@code
 * if (TunerDecisions.isEnabled()) {
 *     TunerDecisions.commit(pool, "cacheCapacity", cacheId, 128, 192,
 *             "overflow followed by underflow", "underflows=412, overflows=37");
 * }
 * pool.setCacheCapacity(cacheId, 192);
 * }</pre>
 */
public final class TunerDecisions {
    /** The {@code cacheId} of a pool-wide parameter. */
    public static final long POOL_WIDE = -1;

    private TunerDecisions() {
    }

    /** True when a recording enables the event: check before building the signals string. */
    public static boolean isEnabled() {
        return new TunerDecisionEvent().isEnabled();
    }

    /**
     * Commits one decision (nothing when no recording enables the event).
     *
     * @param pool the pool whose parameter moves
     * @param parameter the knob: {@code cacheCapacity}, {@code refillBatch}, {@code ringCapacity},
     *        {@code slabReserve}, ...
     * @param cacheId the thread cache concerned, or {@link #POOL_WIDE}
     * @param before the value before
     * @param after the value after
     * @param reason why, in a few words
     * @param signals the signal values behind it, as {@code name=value} pairs separated by commas
     */
    public static void commit(PagePool pool, String parameter, long cacheId, long before, long after, String reason,
                              String signals) {
        TunerDecisionEvent e = new TunerDecisionEvent();
        if (e.shouldCommit()) {
            e.poolName = pool.name();
            e.parameter = parameter;
            e.cacheId = cacheId;
            e.before = before;
            e.after = after;
            e.reason = reason;
            e.signals = signals;
            e.commit();
        }
    }
}
