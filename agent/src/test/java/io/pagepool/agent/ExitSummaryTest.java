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
import io.pagepool.agent.options.OptionParser;
import io.pagepool.agent.rewrite.ClassWatch;
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.SizeClassPool;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit summary says what each figure counts: JDK-served requests by reason, and no figure that
 * contradicts another with {@code stats=false} or {@code scopeCheck=on}.
 */
class ExitSummaryTest {
    private static final ClassWatch WATCH = new ClassWatch(AgentOptions.defaults());
    private static final Rewriter REWRITER = new Rewriter(AgentOptions.defaults(),
            new AgentLog(AgentOptions.LogLevel.QUIET, System.err), WATCH);

    private static SizeClassPool pool(String options) {
        return PagePoolAgent.pool(OptionParser.parse("maxMemory=64k,pageSize=4096," + options),
                new AgentLog(AgentOptions.LogLevel.QUIET, System.err));
    }

    @Test
    void theJdkServedRequestsAreSplitByReason() {
        SizeClassPool pool = pool("stats=true");
        BufferSwap swap = new BufferSwap(pool);
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 16 + 3; i++) { // the 64 KiB budget is 16 pages: 3 over it
            held.add(swap.allocateTracked(4096));
        }
        swap.allocateTracked(8192);
        swap.allocateTracked(8192);
        swap.allocateTracked(0);
        held.forEach(b -> swap.release(b, ReleasePath.API));
        pool.close();
        swap.allocateTracked(100);
        ExitSummary summary = ExitSummary.of(WATCH, REWRITER, swap, false);
        // calls of sites at the JDK are the JVM's (the site table is global; other tests' sites count)
        long siteMode = summary.jdkSiteMode();
        assertTrue(summary.line().contains("served 16 buffers from the pool, " + (7 + siteMode) + " from the JDK (too"
                + " large 2, budget spent 3, pool closed 1, empty 1, site at the JDK " + siteMode + ")"),
                summary.line());
        assertEquals(Long.toString(7 + siteMode), summary.figures().get("servedByJdk"));
        assertEquals("3", summary.figures().get("jdkBudget"));
    }

    @Test
    void withStatsOffThePoolsFiguresSayNotCountedInsteadOfZero() {
        try (SizeClassPool pool = pool("stats=false")) {
            BufferSwap swap = new BufferSwap(pool);
            for (int i = 0; i < 10; i++) {
                assertTrue(swap.release(swap.allocateTracked(1024), ReleasePath.API));
            }
            ExitSummary summary = ExitSummary.of(WATCH, REWRITER, swap, false);
            String line = summary.line();
            assertFalse(line.contains("served 0 buffers"), line);
            assertTrue(line.contains("buffers served by the pool and by the JDK: not counted (stats=false"), line);
            assertTrue(line.contains("PagePools.release 10"), line);
            assertTrue(line.contains("fast-path ratio not counted (stats=false)"), line);
            assertEquals("false", summary.figures().get("poolCounted"));
            assertEquals("-1", summary.figures().get("servedFromPool"));
            assertEquals("10", summary.figures().get("releasedApi"));
        }
    }

    @Test
    void withScopeCheckScopedBuffersAreNotCountedAsPagesReturned() {
        try (SizeClassPool pool = pool("stats=true")) {
            BufferSwap swap = new BufferSwap(pool, true);
            for (int i = 0; i < 5; i++) {
                assertTrue(swap.release(swap.allocateScoped(512), ReleasePath.SCOPED));
            }
            String line = ExitSummary.of(WATCH, REWRITER, swap, true).line();
            assertTrue(line.contains("served 0 buffers from the pool"), line);
            assertFalse(line.contains("pages returned: scoped"), line);
            assertTrue(line.contains("scopeCheck=on: 5 scoped buffers had arenas of their own (not the pool's pages)"),
                    line);
        }
    }
}
