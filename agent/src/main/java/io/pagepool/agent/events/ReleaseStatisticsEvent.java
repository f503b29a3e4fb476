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
package io.pagepool.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code io.pagepool.AgentReleaseStatistics}, every second: how the agent's swapped buffers came
 * back, as deltas over the period (their sum over a recording is the run's total).
 */
@Name(ReleaseStatisticsEvent.NAME)
@Label("Page Pool Agent Releases")
@Category({"Page Pool", "Agent"})
@Description("Swapped allocateDirect calls and how their pages came back to the pool, over the period")
@Period("1 s")
@StackTrace(false)
public final class ReleaseStatisticsEvent extends Event {
    public static final String NAME = "io.pagepool.AgentReleaseStatistics";

    @Label("Pooled")
    @Description("Swapped calls served by the pool")
    public long pooled;

    @Label("Waived")
    @Description("Swapped calls served by the JDK instead (too large, empty, budget spent, pool closed)")
    public long waived;

    @Label("Scoped")
    @Description("Pages released where the bytecode analysis proved the buffer dead")
    public long scoped;

    @Label("Release Methods")
    @Description("Pages returned by methods named in release=")
    public long method;

    @Label("API")
    @Description("Pages returned through PagePools.release")
    public long api;

    @Label("Unreachable")
    @Description("Pages returned after the buffer and all its views became unreachable")
    public long unreachable;

    @Label("Ignored")
    @Description("Release calls ignored: foreign buffers, derived views, double releases")
    public long ignored;
}
