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

    private final PagePool pool;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long closeStartNanos;

    CloseMonitor(PagePool pool) {
        this.pool = pool;
    }

    void start() {
        closeStartNanos = System.nanoTime();
        if (!finishIfEmpty()) {
            Thread.ofPlatform().daemon().name("pagepool-close-" + pool.name()).start(this::retry);
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
            pool.caches().reclaimEnded();
            pool.caches().drainStripes(); // a virtual thread may have pushed while close drained them
            pool.drainRing();
            pool.slabs().trim(0);
            long stalled = System.nanoTime() - closeStartNanos;
            if (stalled >= nextReport && !pool.isFullyClosed()) {
                nextReport = stalled * 10;
                report(stalled);
            }
        }
    }

    private void report(long stalledNanos) {
        // counted page by page, not from the counters, so the report holds with stats off
        long held = pool.slabs().heldPages();
        long parked = pool.caches().occupancy().cachedPages();
        pool.warnings().accept("pool '" + pool.name() + "': close has waited " + formatSeconds(stalledNanos)
                + " for " + held + " pages still held by the application and " + parked
                + " parked in caches of live threads; " + pool.slabs().bytesMapped()
                + " bytes stay mapped until they come back");
        try {
            pool.listener().closeStalled(pool, held, parked, stalledNanos);
        } catch (RuntimeException e) {
            pool.warnings().accept("pool '" + pool.name() + "': listener failed: " + e);
        }
    }

    /** Reports the close as finished once nothing is mapped; true when it is. */
    private boolean finishIfEmpty() {
        if (!pool.isFullyClosed()) {
            return false;
        }
        if (finished.compareAndSet(false, true)) {
            try {
                pool.listener().closed(pool, System.nanoTime() - closeStartNanos);
            } catch (RuntimeException e) {
                pool.warnings().accept("pool '" + pool.name() + "': listener failed: " + e);
            }
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
