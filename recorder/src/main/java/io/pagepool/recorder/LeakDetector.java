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
import java.time.Duration;
import java.util.Objects;

/**
 * Leak suspects: {@code io.pagepool.LeakSuspect} events.
 *
 * <ul>
 *   <li><b>held</b> — a lease still held after {@link #threshold()} (default 10 s). Only sampled
 *       leases are watched: of the allocations the pool samples (see
 *       {@link PoolRecorder#register(PagePool, int)}), up to 20 a second JVM-wide have their
 *       allocation stack captured and are checked every LeakSuspect period; a page still held
 *       with the same generation after the threshold is reported once. A lease that leaks
 *       repeatedly is therefore caught; a single leaked page may not be.
 *   <li><b>reclaimedWithoutRelease</b> — reported only by code that calls
 *       {@link #reclaimedWithoutRelease}: whoever reclaims a page whose buffer became unreachable
 *       without a release (through a reference queue or a Cleaner, say). Nothing in pagepool calls
 *       it: the agent counts the pages it reclaims that way in its own
 *       {@code io.pagepool.AgentReleaseStatistics} event, not here.
 * </ul>
 *
 * <p>Nothing is captured or checked while no recording enables the event.
 */
public final class LeakDetector {
    /** The default age after which a held lease is a suspect. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(10);

    private static volatile Duration threshold = DEFAULT_THRESHOLD;

    private LeakDetector() {
    }

    /** The age after which a held sampled lease is reported. */
    public static Duration threshold() {
        return threshold;
    }

    /** Sets the age after which a held sampled lease is reported: positive. JVM-wide. */
    public static void setThreshold(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("leak threshold = " + age + " is out of range: must be positive");
        }
        threshold = age;
    }

    /** True when a recording enables {@code io.pagepool.LeakSuspect}: check before capturing stacks. */
    public static boolean isEnabled() {
        return new LeakSuspectEvent().isEnabled();
    }

    /**
     * Reports a lease that was reclaimed without a release (its buffer became unreachable).
     *
     * @param pool the page's pool
     * @param ageNanos time from the allocation to the reclamation
     * @param allocationStack where it was allocated, as from {@link #captureStack()}; may be empty
     * @param requestedBytes bytes the allocation asked for
     */
    public static void reclaimedWithoutRelease(PagePool pool, long ageNanos, String allocationStack,
                                               long requestedBytes) {
        LeakSuspectEvent e = new LeakSuspectEvent();
        if (e.shouldCommit()) {
            e.poolName = pool.name();
            e.kind = LeakSuspectEvent.RECLAIMED;
            e.age = ageNanos;
            e.allocationStack = allocationStack == null ? "" : allocationStack;
            e.allocatingThread = "";
            e.requestedBytes = requestedBytes;
            e.commit();
        }
    }

    /**
     * The calling thread's stack as text, innermost frame first, without the frames of pagepool's
     * pool, agent and recorder sampling classes: the form {@code allocationStack} fields carry.
     * Costs a stack walk (microseconds): call it for sampled allocations only.
     */
    public static String captureStack() {
        return StackCapture.capture(LeaseTable.STACK_DEPTH);
    }
}
