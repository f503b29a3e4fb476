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

import io.pagepool.pool.PoolCounter;
import io.pagepool.pool.PoolStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Fills a {@link PoolStatisticsEvent} from two snapshots, one field per entry of the counter table
 * {@link PoolCounter}: a counter as its change from {@code last} to {@code now}, a gauge as its
 * value in {@code now}. The fields are found by name once, when this class initializes: an entry
 * without its event field fails here, not silently. Stateless; any thread.
 */
final class PoolStatisticsWriter {
    private static final VarHandle[] FIELDS = fields();

    private PoolStatisticsWriter() {
    }

    private static VarHandle[] fields() {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        VarHandle[] handles = new VarHandle[PoolCounter.ALL.size()];
        for (PoolCounter c : PoolCounter.ALL) {
            try {
                handles[c.ordinal()] = lookup.findVarHandle(PoolStatisticsEvent.class,
                        EventNames.poolStatisticsField(c), long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(EventNames.POOL_STATISTICS + " has no long field for "
                        + c + ": " + e);
            }
        }
        return handles;
    }

    /** Sets every table field of {@code e} and its fast-path ratio. */
    static void fill(PoolStatisticsEvent e, PoolStats last, PoolStats now) {
        for (PoolCounter c : PoolCounter.ALL) {
            long value = c.kind() == PoolCounter.Kind.COUNTER ? c.read(now) - c.read(last) : c.read(now);
            FIELDS[c.ordinal()].set(e, value);
        }
        e.fastPathRatio = e.allocPages <= 0 ? 1.0 : Math.min(1.0, (double) e.allocFast / e.allocPages);
    }
}
