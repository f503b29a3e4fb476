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
package io.pagepool.agent;

import io.pagepool.agent.events.AgentEvents;
import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.runtime.AllocationSite;
import io.pagepool.agent.runtime.SiteFigures;
import io.pagepool.agent.runtime.SiteMode;
import io.pagepool.agent.runtime.SiteTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The agent's side of per-site adaptive pooling: the {@code site=} pins and a listener that turns
 * each change of a site's mode into an {@code io.pagepool.SiteDecision} event and a debug line;
 * and the sites section of the exit summary.
 */
final class AgentSites {
    /** Sites the exit summary lists, the busiest first. */
    static final int SITES_SHOWN = 10;

    private AgentSites() {
    }

    /** Pins and decision listener of the JVM's {@link SiteTable}, before any class is rewritten. */
    static void install(AgentOptions options, AgentLog log) {
        List<AgentOptions.SitePin> pins = options.sitePins();
        SiteTable table = SiteTable.global();
        table.pins((className, methodName, line) -> {
            for (AgentOptions.SitePin pin : pins) {
                if (pin.matches(className, methodName, line)) {
                    return pin.pooled() ? SiteMode.POOLED : SiteMode.JDK;
                }
            }
            return null;
        });
        table.decisions((site, before, reason) -> {
            AgentEvents.siteDecision(site, before, reason);
            if (log.debugEnabled()) {
                SiteFigures f = site.figures();
                log.debug("site " + site.javaName() + ": " + before + " -> " + site.mode() + ": " + reason
                        + " (served " + f.served() + ", in flight " + f.inFlight() + ", returned explicitly "
                        + f.returnedExplicit() + ", unreachable " + f.returnedReachability() + ", JDK served "
                        + f.jdkServed() + ")");
            }
        });
    }

    /**
     * The exit summary's sites section: one line per site that served a call, the busiest
     * {@link #SITES_SHOWN} first, with its mode and figures; empty when no site served any.
     */
    static List<String> summaryLines(SiteTable table) {
        List<AllocationSite> active = new ArrayList<>();
        List<SiteFigures> figures = new ArrayList<>();
        for (AllocationSite site : table.all()) {
            SiteFigures f = site.figures();
            if (f.served() + f.jdkServed() > 0) {
                active.add(site);
                figures.add(f);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> figures.get(i).served() + figures.get(i).jdkServed())
                .reversed());
        List<String> lines = new ArrayList<>();
        if (order.isEmpty()) {
            return lines;
        }
        long toJdk = active.stream().filter(s -> s.mode() == SiteMode.JDK).count();
        lines.add("sites that served calls: " + active.size() + ", " + toJdk + " at the JDK now"
                + (active.size() > SITES_SHOWN ? "; the " + SITES_SHOWN + " busiest:" : ":"));
        for (int i : order.subList(0, Math.min(SITES_SHOWN, order.size()))) {
            AllocationSite site = active.get(i);
            SiteFigures f = figures.get(i);
            lines.add("  " + site.mode() + (site.pin() != null ? " (pinned)" : "") + " " + site.javaName()
                    + ": pooled " + f.served() + ", JDK " + f.jdkServed() + ", returned scoped "
                    + f.returnedScoped() + ", release=/recipes " + f.returnedMethod() + ", cleaner "
                    + f.returnedCleaner() + ", API " + f.returnedApi() + ", unreachable "
                    + f.returnedReachability() + ", in flight " + f.inFlight());
        }
        return lines;
    }
}
