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

import io.pagepool.pool.Mapping;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolListener;
import io.pagepool.pool.WaiveReason;
import java.util.Objects;

/**
 * The pool listener that turns the pool's rare events into JFR events:
 * {@code io.pagepool.SlowAllocation} (a slab mapped, with the time it took),
 * {@code io.pagepool.Waive}, and {@code io.pagepool.PoolLifecycle} (closeStalled, closed,
 * mappingFallback). Give it to {@code PagePoolBuilder.listener(...)}, as
 * {@link PoolRecorder#listener()} or as {@code new PoolEventListener(yourListener)} to chain one
 * of your own, which is called after this one.
 *
 * <p>Every callback checks its event's enabled flag first and costs nothing more while no
 * recording enables it. Callbacks never call back into the pool (they may run under its slab
 * lock); the {@code closed} callback also removes the pool's MXBean.
 */
public final class PoolEventListener implements PoolListener {
    private static final String[] REASONS = reasonNames();

    private final PoolListener next;

    /** A listener that only records. */
    public PoolEventListener() {
        this(PoolListener.NONE);
    }

    /** A listener that records, then passes every callback to {@code next}. */
    public PoolEventListener(PoolListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void slabMapped(PagePool pool, long slabBytes, Mapping mapping, long durationNanos) {
        SlowAllocationEvent e = new SlowAllocationEvent();
        if (e.shouldCommit()) {
            e.poolName = pool.name();
            e.slabBytes = slabBytes;
            e.mapping = mapping.name();
            e.mapTime = durationNanos;
            e.commit();
        }
        next.slabMapped(pool, slabBytes, mapping, durationNanos);
    }

    @Override
    public void slabUnmapped(PagePool pool, long slabBytes) {
        next.slabUnmapped(pool, slabBytes); // counted in PoolStatistics.slabsUnmapped
    }

    @Override
    public void mappingFallback(PagePool pool, Mapping requested, Mapping applied, String reason) {
        commitLifecycle(pool.name(), PoolLifecycleEvent.MAPPING_FALLBACK, 0, 0, 0,
                requested + " -> " + applied + ": " + reason);
        next.mappingFallback(pool, requested, applied, reason);
    }

    @Override
    public void waived(PagePool pool, WaiveReason reason, long requestedBytes) {
        WaiveEvent e = new WaiveEvent();
        if (e.shouldCommit()) {
            e.poolName = pool.name();
            e.reason = REASONS[reason.ordinal()];
            e.requestedBytes = requestedBytes;
            e.commit();
        }
        next.waived(pool, reason, requestedBytes);
    }

    @Override
    public void closed(PagePool pool, long closeNanos) {
        commitLifecycle(pool.name(), PoolLifecycleEvent.CLOSED, 0, 0, closeNanos, "");
        PoolRecorder.closed(pool);
        next.closed(pool, closeNanos);
    }

    @Override
    public void closeStalled(PagePool pool, long inflightPages, long parkedPages, long stalledNanos) {
        commitLifecycle(pool.name(), PoolLifecycleEvent.CLOSE_STALLED, inflightPages, parkedPages, stalledNanos, "");
        next.closeStalled(pool, inflightPages, parkedPages, stalledNanos);
    }

    static void commitLifecycle(String poolName, String action, long inflightPages, long parkedPages,
                                long closeAgeNanos, String detail) {
        PoolLifecycleEvent e = new PoolLifecycleEvent();
        if (e.shouldCommit()) {
            e.poolName = poolName;
            e.action = action;
            e.inflightPages = inflightPages;
            e.parkedPages = parkedPages;
            e.closeAge = closeAgeNanos;
            e.detail = detail;
            e.commit();
        }
    }

    private static String[] reasonNames() {
        WaiveReason[] reasons = WaiveReason.values();
        String[] names = new String[reasons.length];
        for (WaiveReason r : reasons) {
            names[r.ordinal()] = EventNames.waiveReason(r);
        }
        return names;
    }
}
