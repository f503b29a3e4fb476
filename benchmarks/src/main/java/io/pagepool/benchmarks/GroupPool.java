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
