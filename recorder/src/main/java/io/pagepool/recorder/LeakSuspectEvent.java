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

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.pagepool.LeakSuspect}: a sampled lease still held after the leak threshold
 * (kind {@code held}), or a lease that a caller of {@link LeakDetector#reclaimedWithoutRelease}
 * reclaimed after its buffer became unreachable without a release (kind
 * {@code reclaimedWithoutRelease}). Periodic: the period is how often
 * {@link LeaseTable} checks the sampled leases. The stack is the allocation's, captured when it
 * was sampled, so the event carries no stack trace of its own. Off unless a recording enables it
 * (pagepool.jfc does), because watching leases captures allocation stacks.
 */
@Name(EventNames.LEAK_SUSPECT)
@Label("Page Pool Leak Suspect")
@Category(EventNames.CATEGORY)
@Description("A page lease held longer than the leak threshold, or reclaimed without a release")
@Period("1 s")
@Enabled(false)
@StackTrace(false)
final class LeakSuspectEvent extends Event {
    static final String HELD = "held";
    static final String RECLAIMED = "reclaimedWithoutRelease";

    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Kind")
    @Description("held: still held after the threshold; reclaimedWithoutRelease: reclaimed after it became unreachable")
    String kind;

    @Label("Age")
    @Description("Time since the page was handed out")
    @Timespan
    long age;

    @Label("Allocation Stack")
    @Description("Where the page was allocated (captured when the allocation was sampled; innermost frame first)")
    String allocationStack;

    @Label("Allocating Thread")
    @Description("Name of the thread that allocated the page")
    String allocatingThread;

    @Label("Requested Size")
    @Description("Bytes the allocation asked for")
    @DataAmount
    long requestedBytes;

    @Label("Page Address")
    @Description("Address of the page's first byte (0 when unknown)")
    long pageAddress;

    @Label("Lease Generation")
    @Description("How many times the page had been handed out, this lease included (0 when unknown)")
    long leaseGeneration;

    @Label("Reference Count")
    @Description("The page's reference count when checked (0 when unknown)")
    long refCount;
}
