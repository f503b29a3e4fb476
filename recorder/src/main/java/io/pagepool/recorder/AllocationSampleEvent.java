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
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * {@code io.pagepool.AllocationSample}: a sampled allocation, committed on the allocating thread
 * so that its stack trace shows the application's call site (below a few frames of the pool and
 * of {@link EventSampler}). The sampler sees every Nth fast-path allocation and every slower one;
 * {@code @Throttle} bounds the rate. Off unless a recording enables it (pagepool.jfc does): a
 * recording with only the JDK's settings does not pay for stack traces of allocations.
 */
@Name(EventNames.ALLOCATION_SAMPLE)
@Label("Page Pool Allocation Sample")
@Category(EventNames.CATEGORY)
@Description("A sampled allocation: where the application allocates, how many bytes it asked for"
        + " and which path served it")
@Enabled(false)
@StackTrace(true)
@Throttle("100/s")
final class AllocationSampleEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Path")
    @Description("Which path served the allocation: fast (thread cache), refill (recycle ring),"
            + " slow (slabs) or waive (not served)")
    String path;

    @Label("Requested Size")
    @Description("Bytes the application asked for (the page size for a whole page)")
    @DataAmount
    long requestedBytes;

    @Label("Page Size")
    @Description("Bytes per page of the pool")
    @DataAmount
    long pageSize;
}
