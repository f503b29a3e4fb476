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
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.pagepool.PoolLifecycle}: a pool registered with the recorder ({@code created}), a
 * close waiting for pages still held ({@code closeStalled}), a finished close ({@code closed}),
 * or a slab that got another mapping mode than requested ({@code mappingFallback}).
 */
@Name(EventNames.POOL_LIFECYCLE)
@Label("Page Pool Lifecycle")
@Category(EventNames.CATEGORY)
@Description("A pool was created (registered with the recorder), stalled while closing, closed, or"
        + " fell back to another mapping mode")
@StackTrace(true)
final class PoolLifecycleEvent extends Event {
    static final String CREATED = EventNames.LIFECYCLE_CREATED;
    static final String CLOSE_STALLED = EventNames.LIFECYCLE_CLOSE_STALLED;
    static final String CLOSED = EventNames.LIFECYCLE_CLOSED;
    static final String MAPPING_FALLBACK = EventNames.LIFECYCLE_MAPPING_FALLBACK;

    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Action")
    @Description("created, closeStalled, closed or mappingFallback")
    String action;

    @Label("In-Flight Pages")
    @Description("closeStalled: pages still held by the application; 0 otherwise")
    long inflightPages;

    @Label("Parked Pages")
    @Description("closeStalled: pages parked in caches of live threads; 0 otherwise")
    long parkedPages;

    @Label("Close Age")
    @Description("closeStalled: how long close() has been waiting; closed: how long the close took; 0 otherwise")
    @Timespan
    long closeAge;

    @Label("Detail")
    @Description("created: the configuration; mappingFallback: requested and applied mode and why; otherwise empty")
    String detail;
}
