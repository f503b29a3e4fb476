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
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.SiteMode;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.recorder.ChunkBoundaries;
import jdk.jfr.FlightRecorder;

/** Registers the agent's periodic JFR events and emits per-site verdicts and decisions. */
public final class AgentEvents {
    private AgentEvents() {
    }

    /**
     * Emits {@link ReleaseStatisticsEvent} every period with the deltas of {@code swap}'s counters,
     * all taken from one pool snapshot, and at the end of every chunk, so that a recording holds
     * the change up to its stop, dump or the JVM's exit; a recording that starts takes the figures
     * then as its baseline (see {@link ChunkBoundaries}); and {@link SiteStatisticsEvent} per active
     * site, every period and at the end of every chunk.
     */
    public static void install(BufferSwap swap) {
        ReleaseStatistics statistics = new ReleaseStatistics(swap);
        FlightRecorder.addPeriodicEvent(ReleaseStatisticsEvent.class, statistics::commit);
        ChunkBoundaries.add(statistics);
        SiteEvents sites = new SiteEvents(SiteTable.global());
        FlightRecorder.addPeriodicEvent(SiteStatisticsEvent.class, sites::commit);
        ChunkBoundaries.add(sites);
    }

    /** A site's change of mode, when a recording wants it ({@code io.pagepool.SiteDecision}). */
    public static void siteDecision(AllocationSite site, SiteMode before, String reason) {
        SiteEvents.decision(site, before, reason);
    }

    /** One site's verdict, when a recording wants it. */
    public static void verdict(String className, String method, int line, boolean scoped, String reason) {
        ScopeVerdictEvent e = new ScopeVerdictEvent();
        if (e.shouldCommit()) {
            e.className = className;
            e.method = method;
            e.line = line;
            e.scoped = scoped;
            e.reason = reason;
            e.commit();
        }
    }
}
