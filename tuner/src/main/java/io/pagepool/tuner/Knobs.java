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
import io.pagepool.recorder.TunerDecisions;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Moves the pool's knobs for the policies: every change is committed as an
 * {@code io.pagepool.TunerDecision} JFR event, written to the debug log and counted. Tuner thread only.
 */
final class Knobs {
    private final PagePool pool;
    private final Consumer<String> log;
    private int decisions;

    Knobs(PagePool pool, Consumer<String> log) {
        this.pool = pool;
        this.log = log;
    }

    PagePool pool() {
        return pool;
    }

    /** Records the decision, then runs {@code apply} (which calls the pool's setter). */
    void change(String parameter, long cacheId, long before, long after, String reason, String signals,
                Runnable apply) {
        TunerDecisions.commit(pool, parameter, cacheId, before, after, reason, signals);
        apply.run();
        decisions++;
        try {
            log.accept("tuner: pool '" + pool.name() + "' " + parameter
                    + (cacheId == TunerDecisions.POOL_WIDE ? "" : " [cache " + cacheId + "]") + " " + before + " -> "
                    + after + ": " + reason + " (" + signals + ")");
        } catch (RuntimeException e) {
            // a failing log sink must not stop the controller
        }
    }

    /**
     * Runs {@code apply} (a setter that may find its target gone, like the per-cache capacity of a
     * cache reclaimed since the signals were sampled) and records the decision only when it returns
     * true. Returns what {@code apply} returned.
     */
    boolean changeIfApplied(String parameter, long cacheId, long before, long after, String reason, String signals,
                            BooleanSupplier apply) {
        if (!apply.getAsBoolean()) {
            return false;
        }
        done(parameter, cacheId, before, after, reason, signals);
        return true;
    }

    /** Records a change already made (one whose size is known only once made). */
    void done(String parameter, long cacheId, long before, long after, String reason, String signals) {
        change(parameter, cacheId, before, after, reason, signals, () -> { });
    }

    int decisions() {
        return decisions;
    }
}
