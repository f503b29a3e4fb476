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
package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.rewrite.ClassWatch;
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;

import java.io.IOException;

/**
 * What a started agent holds: its options and the pre-filter ({@link ClassWatch}); once the
 * rewriting started (the first class that calls {@code allocateDirect} loaded, or before
 * {@code main} with {@code jfr=}, or at attach) the runtime service serving the rewritten calls
 * and its pool, and the class rewriting; a while later the tuner (null when {@code tune=off}).
 * Any thread; each part is published once.
 */
final class RunningAgent {
    private final AgentOptions options;
    private final ClassWatch watch;
    private volatile BufferSwap swap;
    private volatile Rewriter rewriter;
    private volatile AutoCloseable tuner;

    RunningAgent(AgentOptions options, ClassWatch watch) {
        this.options = options;
        this.watch = watch;
    }

    /** Publishes the swap (and its pool) when it started. */
    void swap(BufferSwap startedSwap) {
        this.swap = startedSwap;
    }

    /** Publishes the rewriting when it started. */
    void rewriting(Rewriter startedRewriter) {
        this.rewriter = startedRewriter;
    }

    /** Publishes the tuner when it started. */
    void tuner(AutoCloseable startedTuner) {
        this.tuner = startedTuner;
    }

    AgentOptions options() {
        return options;
    }

    /** The runtime service, or null before the rewriting started. */
    BufferSwap swap() {
        return swap;
    }

    ClassWatch watch() {
        return watch;
    }

    /** The class rewriting, or null before it started. */
    Rewriter rewriter() {
        return rewriter;
    }

    /** The tuner, or null ({@code tune=off}, or until it started, a while after the rewriting). */
    AutoCloseable tuner() {
        return tuner;
    }

    /**
     * At exit: a line per {@code release=} entry that never matched, the summary line, the size
     * classes' line, and the {@code summary=} file (one line when it cannot be written).
     */
    void atExit(AgentLog log) {
        Rewriter r = rewriter;
        if (r != null) {
            r.releaseNeverLoaded().forEach(log::error);
        } else if (!options.releaseMethods().isEmpty()) { // none loaded: a release= class starts the rewriting
            new Rewriter(options, log, watch).releaseNeverLoaded().forEach(log::error);
        }
        ExitSummary summary = ExitSummary.of(watch, r, swap, options.scopeCheck());
        log.info(summary.line());
        if (r != null) { // sites and classes exist once the rewriting started
            summary.siteLines().forEach(log::info);
            log.info(summary.classesLine());
        }
        if (options.summary() != null) {
            try {
                summary.write(options.summary());
            } catch (IOException | RuntimeException e) {
                log.error("summary=" + options.summary() + " could not be written: " + e);
            }
        }
    }

    /** One line: what was rewritten and how the pages came back; the pool's figures from one snapshot. */
    String summary() {
        return ExitSummary.of(watch, rewriter, swap, options.scopeCheck()).line();
    }
}
