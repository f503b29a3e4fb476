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
import io.pagepool.agent.runtime.SiteMode;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.recorder.ChunkBoundaries;

/**
 * Commits {@link SiteDecisionEvent}s and, every period and at each chunk's end,
 * {@link SiteStatisticsEvent}s: one per site that has served a call (totals, so there is nothing
 * to baseline). Threading: any thread.
 */
final class SiteEvents implements ChunkBoundaries.Source {
    private final SiteTable table;

    SiteEvents(SiteTable table) {
        this.table = table;
    }

    /** One decision, when a recording wants it. */
    static void decision(AllocationSite site, SiteMode before, String reason) {
        SiteDecisionEvent e = new SiteDecisionEvent();
        if (e.shouldCommit()) {
            e.setSite(site, site.figures());
            e.before = before.name();
            e.after = site.mode().name();
            e.reason = reason;
            e.commit();
        }
    }

    /** One event per site that has served a call. */
    void commit() {
        for (AllocationSite site : table.all()) {
            SiteFigures f = site.figures();
            if (f.served() + f.jdkServed() == 0) {
                continue;
            }
            SiteStatisticsEvent e = new SiteStatisticsEvent();
            e.setSite(site, f);
            e.mode = site.mode().name();
            e.commit();
        }
    }

    @Override
    public boolean commitIfEnabled() {
        if (!new SiteStatisticsEvent().isEnabled()) {
            return false;
        }
        commit();
        return true;
    }

    @Override
    public void baseline() {
        // totals: nothing to baseline
    }
}
