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

import io.pagepool.agent.runtime.AllocationSite;
import io.pagepool.agent.runtime.SiteFigures;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/**
 * What {@link SiteDecisionEvent} and {@link SiteStatisticsEvent} both carry: the site's identity
 * (the fields of its {@code io.pagepool.ScopeVerdict} event, so a report can join them) and its
 * figures so far. JFR includes a superclass's fields in the event, as for the JDK's own
 * {@code jdk.DirectBufferStatistics}.
 */
abstract class SiteEvent extends Event {
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

    /** Sets the identity and figure fields from {@code site} and one reading of its figures. */
    final void setSite(AllocationSite site, SiteFigures f) {
        this.site = site.javaName();
        className = site.className();
        method = site.method();
        line = site.line();
        served = f.served();
        returnedScoped = f.returnedScoped();
        returnedMethod = f.returnedMethod();
        returnedCleaner = f.returnedCleaner();
        returnedApi = f.returnedApi();
        returnedReachability = f.returnedReachability();
        inFlight = f.inFlight();
        jdkServed = f.jdkServed();
    }
}
