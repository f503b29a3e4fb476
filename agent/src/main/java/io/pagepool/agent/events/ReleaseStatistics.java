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

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.PoolStats;
import io.pagepool.recorder.ChunkBoundaries;

/**
 * The state behind {@link ReleaseStatisticsEvent}: the figures of the previous commit, so that each
 * event is the change since it. Committed by the timed hook and, through {@link ChunkBoundaries},
 * at the end of every chunk (a recording's last period); baselined when a recording starts.
 *
 * <p>Threading: JFR's periodic thread and the threads that start, stop or dump recordings call in;
 * this object's monitor keeps each read-and-update of the previous figures whole.
 */
final class ReleaseStatistics implements ChunkBoundaries.Source {
    private final BufferSwap swap;
    /** Guarded by this: the figures the next event is a change from. */
    private final long[] last;

    ReleaseStatistics(BufferSwap swap) {
        this.swap = swap;
        this.last = figures();
    }

    /** pooled, waived, scoped, method, api, unreachable, ignored: all from one pool snapshot. */
    private long[] figures() {
        PoolStats stats = swap.pool().stats(); // one pass over the caches per run
        return new long[] {swap.swapped(stats), swap.waived(stats), swap.released(ReleasePath.SCOPED),
                swap.released(ReleasePath.METHOD), swap.released(ReleasePath.API),
                swap.released(ReleasePath.REACHABILITY),
                swap.released(ReleasePath.IGNORED_FOREIGN) + swap.released(ReleasePath.IGNORED_STALE)};
    }

    /** Commits one event: the change since the previous commit or baseline. */
    synchronized void commit() {
        long[] now = figures();
        ReleaseStatisticsEvent e = new ReleaseStatisticsEvent();
        e.pooled = now[0] - last[0];
        e.waived = now[1] - last[1];
        e.scoped = now[2] - last[2];
        e.method = now[3] - last[3];
        e.api = now[4] - last[4];
        e.unreachable = now[5] - last[5];
        e.ignored = now[6] - last[6];
        e.commit();
        System.arraycopy(now, 0, last, 0, now.length);
    }

    @Override
    public boolean commitIfEnabled() {
        if (!new ReleaseStatisticsEvent().isEnabled()) {
            return false;
        }
        commit();
        return true;
    }

    @Override
    public synchronized void baseline() {
        long[] now = figures();
        System.arraycopy(now, 0, last, 0, now.length);
    }
}
