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
package io.pagepool.agent.runtime;

import io.pagepool.tuner.AllocationSites;
import io.pagepool.tuner.SiteSample;
import io.pagepool.tuner.SizeClassTuner;
import io.pagepool.tuner.TunerOptions;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The {@link SiteTable}'s sites as the tuner sees them: it reads their figures and decides their
 * modes. Before each step, while a site is at the JDK, it returns the pages of every unreachable
 * buffer, so pages lent out before the switch come back even when no pooled call drains the queue
 * (the tuner thread then releases pages, so the pool gives it a cache). Tuner thread.
 */
public final class TunedSites implements AllocationSites {
    private final SiteTable table;
    private final BufferSwap swap;

    /**
     * Starts the tuner of {@code swap}'s size classes, deciding the modes of the JVM's sites too.
     * Here, not in the agent's entry class, so that verifying that class loads no tuner type.
     */
    public static AutoCloseable startTuner(BufferSwap swap, Duration interval, Consumer<String> debugLog) {
        return SizeClassTuner.start(swap.pool(), TunerOptions.builder().interval(interval).debugLog(debugLog).build(),
                new TunedSites(SiteTable.global(), swap));
    }

    /** The sites of {@code table}, whose pages {@code swap} lends. */
    public TunedSites(SiteTable table, BufferSwap swap) {
        this.table = table;
        this.swap = swap;
    }

    @Override
    public void refresh() {
        if (!table.anyAtJdk()) {
            return; // pooled calls drain the queue as they allocate
        }
        int drained;
        do {
            drained = swap.drainUnreachable();
        } while (drained == TrackedLeases.DRAIN_BATCH); // another batch may be queued
    }

    @Override
    public int count() {
        return table.count();
    }

    @Override
    public SiteSample sample(int id) {
        AllocationSite site = table.site(id);
        SiteFigures f = site.figures();
        return new SiteSample(f.served(), f.returnedExplicit(), f.returnedReachability(), f.inFlight(), f.jdkServed(),
                site.mode() == SiteMode.POOLED, site.pin() != null);
    }

    @Override
    public boolean decide(int id, boolean pooled, String reason) {
        return table.decide(id, pooled ? SiteMode.POOLED : SiteMode.JDK, reason);
    }
}
