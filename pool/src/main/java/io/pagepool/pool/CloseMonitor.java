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
package io.pagepool.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finishes a {@link PagePool#close()} that found pages still in flight: a daemon thread retries
 * (reclaims caches of ended threads, drains the ring, returns free slabs) with a growing pause,
 * and reports how many pages are held and for how long, at 1 s, 10 s, 100 s … of stall. It stops
 * once every slab is back with the OS. Memory that a held page can reach is never unmapped.
 */
final class CloseMonitor {
    private static final long FIRST_REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PAUSE_MILLIS = 10_000;

    private final PoolSettings settings;
    private final CacheRegistry caches;
    private final SlabAllocator slabs;
    private final PoolControl control;
    private final PoolEvents events;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long closeStartNanos;

    CloseMonitor(PoolSettings settings, CacheRegistry caches, SlabAllocator slabs, PoolControl control,
                 PoolEvents events) {
        this.settings = settings;
        this.caches = caches;
        this.slabs = slabs;
        this.control = control;
        this.events = events;
    }

    /** True once closed and every slab is back with the OS. */
    boolean isFullyClosed() {
        return settings.isClosed() && slabs.bytesMapped() == 0;
    }

    /**
     * Finishes what it can of a close at once (after the pool was marked closed): carve nothing
     * more, drain the stripes, this thread's cache, ended threads' caches and the ring, return
     * free slabs; then, if pages are still in flight, starts the retrying thread.
     */
    void start() {
        slabs.startClosing();
        caches.drainStripes();
        caches.drainOwn();
        caches.reclaimEnded();
        control.drainRing();
        caches.forgetLocal();
        closeStartNanos = System.nanoTime();
        if (!finishIfEmpty()) {
            Thread.ofPlatform().daemon().name("pagepool-close-" + settings.name).start(this::retry);
        }
    }

    private void retry() {
        long pauseMillis = 50;
        long nextReport = FIRST_REPORT_NANOS;
        while (!finishIfEmpty()) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            caches.reclaimEnded();
            caches.drainStripes(); // a virtual thread may have pushed while close drained them
            control.drainRing();
            slabs.trim(0);
            long stalled = System.nanoTime() - closeStartNanos;
            if (stalled >= nextReport && !isFullyClosed()) {
                nextReport = stalled * 10;
                report(stalled);
            }
        }
    }

    private void report(long stalledNanos) {
        // counted page by page, not from the counters, so the report holds with stats off
        long held = slabs.heldPages();
        long parked = caches.occupancy().cachedPages();
        events.warn("close has waited " + formatSeconds(stalledNanos) + " for " + held
                + " pages still held by the application and " + parked + " parked in caches of live threads; "
                + slabs.bytesMapped() + " bytes stay mapped until they come back");
        events.notify((l, p) -> l.closeStalled(p, held, parked, stalledNanos));
    }

    /** Reports the close as finished once nothing is mapped; true when it is. */
    private boolean finishIfEmpty() {
        if (!isFullyClosed()) {
            return false;
        }
        if (finished.compareAndSet(false, true)) {
            long closeNanos = System.nanoTime() - closeStartNanos;
            events.notify((l, p) -> l.closed(p, closeNanos));
        }
        return true;
    }

    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finishIfEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
        }
        return true;
    }

    private static String formatSeconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
