package io.pagepool.benchmarks;

import io.pagepool.pool.PagePool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool a group of threads shares in a hand-off benchmark: a subclass (a
 * {@code @State(Scope.Group)} class) builds {@link #pool} in its trial setup; this class prints
 * the pool's counters after every iteration and closes the pool after the trial.
 */
public abstract class GroupPool {
    /** Built by the subclass's setup; read by the group's threads. */
    protected PagePool pool;
    private final PoolStatsPrinter statsPrinter = new PoolStatsPrinter();

    /** For subclasses. */
    protected GroupPool() {
    }

    /** Prints the counters of the iteration that just ended. */
    @TearDown(Level.Iteration)
    public void printPoolStats() {
        statsPrinter.printDelta(pool);
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }
}
