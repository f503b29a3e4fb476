package io.pagepool.tuner;

import io.pagepool.pool.PagePool;
import io.pagepool.recorder.TunerDecisions;
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

    /** Records a change already made (one whose size is known only once made). */
    void done(String parameter, long cacheId, long before, long after, String reason, String signals) {
        change(parameter, cacheId, before, after, reason, signals, () -> { });
    }

    int decisions() {
        return decisions;
    }
}
