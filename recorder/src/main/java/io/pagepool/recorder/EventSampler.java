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

import io.pagepool.pool.AllocationPath;
import io.pagepool.pool.AllocationSampler;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;

/**
 * The sampler {@link PoolRecorder#register} installs: turns samples into
 * {@code io.pagepool.AllocationSample} events (committed here, on the allocating thread, so that
 * JFR's stack trace shows the application's call site) and feeds {@link LeaseTable} when
 * {@code io.pagepool.LeakSuspect} is enabled.
 *
 * <p>It stays installed whether or not a recording runs: the pool calls it only every Nth
 * fast-path allocation, and with both events disabled a call costs two reads of JFR's enabled
 * flags (the event objects do not escape and are never allocated). No state, no allocation.
 */
final class EventSampler implements AllocationSampler {
    static final EventSampler INSTANCE = new EventSampler();

    /** Lower-case path names, indexed by ordinal: the values of the {@code path} field. */
    private static final String[] PATHS = pathNames();

    private EventSampler() {
    }

    @Override
    public void sampled(PagePool pool, AllocationPath path, Page page, long requestedBytes) {
        AllocationSampleEvent event = new AllocationSampleEvent();
        if (event.shouldCommit()) { // enabled, then @Throttle
            event.poolName = pool.name();
            event.path = PATHS[path.ordinal()];
            event.requestedBytes = requestedBytes;
            event.pageSize = pool.pageSize();
            event.commit();
        }
        if (page != null && LeakDetector.isEnabled()) {
            LeaseTable.track(pool, page, requestedBytes);
        }
    }

    private static String[] pathNames() {
        AllocationPath[] paths = AllocationPath.values();
        String[] names = new String[paths.length];
        for (AllocationPath p : paths) {
            names[p.ordinal()] = p.name().toLowerCase(java.util.Locale.ROOT);
        }
        return names;
    }
}
