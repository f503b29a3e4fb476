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
 * {@code io.pagepool.SiteStatistics}: one rewritten {@code allocateDirect} site's mode and figures
 * (totals so far), every period and at the end of every chunk, for each site that has served a
 * call; so a recording without a decision still has per-site figures.
 */
@Name(SiteStatisticsEvent.NAME)
@Label("Page Pool Site Statistics")
@Category({"Page Pool", "Agent"})
@Description("A rewritten allocateDirect site's mode and figures so far")
@Period("1 s")
@StackTrace(false)
public final class SiteStatisticsEvent extends Event {
    public static final String NAME = "io.pagepool.SiteStatistics";

    @Label("Site")
    @Description("The call site in Java notation: class.method(parameter types) line N")
    public String site;

    @Label("Class")
    @Description("As in io.pagepool.ScopeVerdict")
    public String className;

    @Label("Method")
    @Description("Name and descriptor, as in io.pagepool.ScopeVerdict")
    public String method;

    @Label("Line")
    @Description("Source line of the call site, or -1")
    public int line;

    @Label("Mode")
    @Description("POOLED or JDK")
    public String mode;

    @Label("Served")
    @Description("Pages this site took from the pool so far")
    public long served;

    @Label("Returned Scoped")
    @Description("Pages returned by scoped release so far")
    public long returnedScoped;

    @Label("Returned By Method")
    @Description("Pages returned by release= methods and built-in recipes so far")
    public long returnedMethod;

    @Label("Returned By Cleaner")
    @Description("Pages returned by invokeCleaner so far")
    public long returnedCleaner;

    @Label("Returned By API")
    @Description("Pages returned through PagePools.release so far")
    public long returnedApi;

    @Label("Returned By Reachability")
    @Description("Pages returned when their buffer became unreachable so far")
    public long returnedReachability;

    @Label("In Flight")
    @Description("Pages of this site out now")
    public long inFlight;

    @Label("JDK Served")
    @Description("Calls of this site the JDK served (mode JDK, or a waive of the pool's) so far")
    public long jdkServed;
}
