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
package io.pagepool.report;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Test-only events with the names and fields of the agent's per-site events (the agent's
 * {@code ScopeVerdictEvent}, and {@code SiteDecision}/{@code SiteStatistics} as agreed in
 * SITE-EVENTS.md): the report reads events by name and field, so a recording of these reads as
 * one the agent made. The real agent's ScopeVerdict is read in the agent module's
 * {@code ReportSitesIT}.
 */
final class SiteEvents {
    private SiteEvents() {
    }

    @Name(CallSites.SCOPE_VERDICT)
    @Label("Scope Verdict (test)")
    @Category({"Page Pool", "Agent"})
    @StackTrace(false)
    static final class ScopeVerdict extends Event {
        String className;
        String method;
        int line;
        boolean scoped;
        String reason;
    }

    @Name(CallSites.SITE_DECISION)
    @Label("Site Decision (test)")
    @Category({"Page Pool", "Agent"})
    @StackTrace(false)
    static final class SiteDecision extends Event {
        String site;
        String className;
        String method;
        int line;
        String before;
        String after;
        String reason;
        long served;
        long returnedScoped;
        long returnedMethod;
        long returnedCleaner;
        long returnedApi;
        long returnedReachability;
        long inFlight;
        long jdkServed;
    }

    @Name(CallSites.SITE_STATISTICS)
    @Label("Site Statistics (test)")
    @Category({"Page Pool", "Agent"})
    @StackTrace(false)
    static final class SiteStatistics extends Event {
        String site;
        String className;
        String method;
        int line;
        String mode;
        long served;
        long returnedScoped;
        long returnedMethod;
        long returnedCleaner;
        long returnedApi;
        long returnedReachability;
        long inFlight;
        long jdkServed;
    }

    static void verdict(String className, String method, int line, boolean scoped, String reason) {
        ScopeVerdict e = new ScopeVerdict();
        e.className = className;
        e.method = method;
        e.line = line;
        e.scoped = scoped;
        e.reason = reason;
        e.commit();
    }

    /** A SiteStatistics event; {@code figures} in the order of {@link CallSites#FIGURES}. */
    static void statistics(String className, String method, int line, String mode, long... figures) {
        SiteStatistics e = new SiteStatistics();
        e.site = className + "." + method + " line " + line;
        e.className = className;
        e.method = method;
        e.line = line;
        e.mode = mode;
        e.served = figures[0];
        e.returnedScoped = figures[1];
        e.returnedMethod = figures[2];
        e.returnedCleaner = figures[3];
        e.returnedApi = figures[4];
        e.returnedReachability = figures[5];
        e.inFlight = figures[6];
        e.jdkServed = figures[7];
        e.commit();
    }

    /** A SiteDecision event; {@code figures} in the order of {@link CallSites#FIGURES}. */
    static void decision(String className, String method, int line, String before, String after, String reason,
                         long... figures) {
        SiteDecision e = new SiteDecision();
        e.site = className + "." + method + " line " + line;
        e.className = className;
        e.method = method;
        e.line = line;
        e.before = before;
        e.after = after;
        e.reason = reason;
        e.served = figures[0];
        e.returnedScoped = figures[1];
        e.returnedMethod = figures[2];
        e.returnedCleaner = figures[3];
        e.returnedApi = figures[4];
        e.returnedReachability = figures[5];
        e.inFlight = figures[6];
        e.jdkServed = figures[7];
        e.commit();
    }
}
