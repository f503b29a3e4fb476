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
import jdk.jfr.Throttle;

/**
 * {@code io.pagepool.Waive}: an allocation the pool did not serve. A pool at its budget may waive
 * every allocation, so the event is throttled; the exact count is {@code allocWaive} of
 * {@code io.pagepool.PoolStatistics}.
 */
@Name(EventNames.WAIVE)
@Label("Page Pool Waive")
@Category(EventNames.CATEGORY)
@Description("An allocation the pool did not serve: the caller failed fast or fell back to the JDK")
@StackTrace(true)
@Throttle("100/s")
final class WaiveEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Reason")
    @Description("Why: budget (maxMemoryBytes spent), size (larger than a page) or closed (the pool is closed)")
    String reason;

    @Label("Requested Size")
    @Description("Bytes the allocation asked for")
    @DataAmount
    long requestedBytes;
}
