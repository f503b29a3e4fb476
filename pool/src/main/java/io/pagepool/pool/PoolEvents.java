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

import java.util.function.Consumer;

/**
 * The pool's outgoing events: allocation samples for an {@link AllocationSampler}, rare events
 * for the {@link PoolListener}, and warning lines. Each hook is called inside one guard, so that a
 * hook that throws never breaks a pool path: a failing listener costs a warning line each time, a
 * failing sampler one warning line in all.
 *
 * <p>The pool is held only as the subject handed to the hooks; this class never calls it.
 *
 * <p>Threading: hooks run on the thread that caused the event. The sampler and its interval are
 * volatile (installed by any thread); {@code samplerFailed} is a racy once-flag (at worst a
 * second warning line).
 */
final class PoolEvents {
    /** Fast-path allocations between two checks for a sampler when none is installed. */
    static final int SAMPLER_CHECK_INTERVAL = 1 << 16;

    /** One listener call: {@code pool} is the event's subject. */
    @FunctionalInterface
    interface ListenerCall {
        void deliver(PoolListener listener, PagePool pool);
    }

    private final PagePool pool;
    private final String prefix;
    private final PoolListener listener;
    private final Consumer<String> warnings;
    private volatile AllocationSampler sampler;
    private volatile int sampleInterval = SAMPLER_CHECK_INTERVAL;
    private boolean samplerFailed;

    PoolEvents(PagePool pool, String poolName, PoolListener listener, Consumer<String> warnings) {
        this.pool = pool;
        this.prefix = "pool '" + poolName + "': ";
        this.listener = listener;
        this.warnings = warnings;
    }

    /** Installs (or, with null, removes) the sampler; {@code fastPathInterval} was checked. */
    void setSampler(AllocationSampler sampler, int fastPathInterval) {
        this.sampleInterval = sampler == null ? SAMPLER_CHECK_INTERVAL : fastPathInterval;
        this.sampler = sampler;
    }

    /** Fast-path allocations between two samples (or sampler checks, when none is installed). */
    int sampleInterval() {
        return sampleInterval;
    }

    /** Every {@code sampleInterval}-th fast-path allocation of a cache lands here. Owner of cache. */
    void sampleFast(ThreadCache cache, Page page, long requestedBytes) {
        cache.restartSampleCountdown(sampleInterval);
        sample(AllocationPath.FAST, page, requestedBytes);
    }

    /** Hands one allocation to the sampler, if one is installed. */
    void sample(AllocationPath path, Page page, long requestedBytes) {
        AllocationSampler s = sampler;
        if (s != null) {
            try {
                s.sampled(pool, path, page, requestedBytes);
            } catch (RuntimeException e) {
                if (!samplerFailed) {
                    samplerFailed = true;
                    warn("allocation sampler failed: " + e);
                }
            }
        }
    }

    /** Calls the listener; a thrown exception becomes a warning line. */
    void notify(ListenerCall call) {
        try {
            call.deliver(listener, pool);
        } catch (RuntimeException e) {
            warn("listener failed: " + e);
        }
    }

    /** Emits one warning line about this pool. */
    void warn(String message) {
        warnings.accept(prefix + message);
    }
}
