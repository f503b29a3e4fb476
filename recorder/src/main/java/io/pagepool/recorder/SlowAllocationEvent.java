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
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.pagepool.SlowAllocation}: the pool grew by a slab to serve an allocation. Committed on
 * the allocating thread after the fact, so the time the mapping took is the {@code mapTime} field
 * (the event's own duration is near zero).
 */
@Name(EventNames.SLOW_ALLOCATION)
@Label("Page Pool Slab Mapped")
@Category(EventNames.CATEGORY)
@Description("The pool mapped a new slab from the OS to serve an allocation (the slow path that grows the pool)")
@StackTrace(true)
final class SlowAllocationEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Slab Size")
    @Description("Bytes mapped")
    @DataAmount
    long slabBytes;

    @Label("Mapping")
    @Description("The mapping mode the slab got (PLAIN, PREFAULT, PINNED or HUGEPAGE; after any fallback)")
    String mapping;

    @Label("Map Time")
    @Description("Time the OS call and the mapping mode (pre-faulting, mlock, madvise) took")
    @Timespan
    long mapTime;
}
