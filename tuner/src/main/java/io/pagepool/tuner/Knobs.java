package io.pagepool.tuner;

import io.pagepool.pool.PagePool;
import io.pagepool.recorder.TunerDecisions;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Moves the pool's knobs for the policies: every change is committed as an
 * {@code io.pagepool.TunerDecision} JFR event, written to the debug log and counted. Tuner thread only.
 */
final class Knobs {
    private final PagePool pool;
    private final Consumer<String> log;
    private int decisions;

    Knobs(PagePool pool, Consumer<String> log) {
        this.pool = pool;
        this.log = log;
    }

    PagePool pool() {
        return pool;
    }

    /** Records the decision, then runs {@code apply} (which calls the pool's setter). */
    void change(String parameter, long cacheId, long before, long after, String reason, String signals,
                Runnable apply) {
        TunerDecisions.commit(pool, parameter, cacheId, before, after, reason, signals);
        apply.run();
        decisions++;
        try {
            log.accept("tuner: pool '" + pool.name() + "' " + parameter
                    + (cacheId == TunerDecisions.POOL_WIDE ? "" : " [cache " + cacheId + "]") + " " + before + " -> "
                    + after + ": " + reason + " (" + signals + ")");
        } catch (RuntimeException e) {
            // a failing log sink must not stop the controller
        }
    }

    /**
     * Runs {@code apply} (a setter that may find its target gone, like the per-cache capacity of a
     * cache reclaimed since the signals were sampled) and records the decision only when it returns
     * true. Returns what {@code apply} returned.
     */
    boolean changeIfApplied(String parameter, long cacheId, long before, long after, String reason, String signals,
                            BooleanSupplier apply) {
        if (!apply.getAsBoolean()) {
            return false;
        }
        done(parameter, cacheId, before, after, reason, signals);
        return true;
    }

    /** Records a change already made (one whose size is known only once made). */
    void done(String parameter, long cacheId, long before, long after, String reason, String signals) {
        change(parameter, cacheId, before, after, reason, signals, () -> { });
    }

    int decisions() {
        return decisions;
    }
}
