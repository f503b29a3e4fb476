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
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.pool.PagePool;

import java.io.IOException;

/**
 * What a started agent holds: its options, the pool, the runtime service serving the rewritten
 * calls, the class rewriting and the tuner (null when {@code tune=off}). Immutable; any thread.
 */
record RunningAgent(AgentOptions options, PagePool pool, BufferSwap swap, Rewriter rewriter, AutoCloseable tuner) {

    /**
     * At exit: a line per {@code release=} entry that never matched, the summary line, and the
     * {@code summary=} file (one line when it cannot be written).
     */
    void atExit(AgentLog log) {
        rewriter.releaseNeverLoaded().forEach(log::error);
        ExitSummary summary = ExitSummary.of(rewriter, swap, options.scopeCheck());
        log.info(summary.line());
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
        return ExitSummary.of(rewriter, swap, options.scopeCheck()).line();
    }
}
