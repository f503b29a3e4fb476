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

/** {@code io.pagepool.TunerDecision}: the tuner moved a knob. Committed through {@link TunerDecisions}. */
@Name(EventNames.TUNER_DECISION)
@Label("Page Pool Tuner Decision")
@Category(EventNames.CATEGORY)
@Description("The tuner changed a pool parameter: which, from what to what, why, and the signals it saw")
@StackTrace(false)
final class TunerDecisionEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Parameter")
    @Description("The knob: cacheCapacity, refillBatch, ringCapacity, slabReserve, ...")
    String parameter;

    @Label("Cache Id")
    @Description("The thread cache whose parameter changed, or -1 for a pool-wide parameter")
    long cacheId;

    @Label("Before")
    @Description("The parameter's value before the change")
    long before;

    @Label("After")
    @Description("The parameter's value after the change")
    long after;

    @Label("Reason")
    @Description("Why the tuner changed it, in a few words")
    String reason;

    @Label("Signals")
    @Description("The signal values behind the decision, as name=value pairs separated by commas")
    String signals;
}
