package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;

import java.util.Locale;

/**
 * What a started agent holds: its options, the pool, the runtime service serving the rewritten
 * calls, the class rewriting and the tuner (null when {@code tune=off}). Immutable; any thread.
 */
record RunningAgent(AgentOptions options, PagePool pool, BufferSwap swap, Rewriter rewriter, AutoCloseable tuner) {

    /** At exit: a line per {@code release=} entry that never matched, then the summary line. */
    void atExit(AgentLog log) {
        rewriter.releaseNeverLoaded().forEach(log::error);
        log.info(summary());
    }

    /** One line: what was rewritten and how the pages came back; the pool's figures from one snapshot. */
    String summary() {
        PoolStats stats = pool.stats(); // one pass over the caches: its figures agree with each other
        return "rewrote " + rewriter.sitesRewritten() + " allocateDirect site(s) in "
                + rewriter.classesRewritten() + " class(es), " + rewriter.scopedSites() + " scoped ("
                + rewriter.classesScanned() + " classes checked in " + rewriter.transformNanos() / 1_000_000
                + " ms); served " + swap.swapped(stats)
                + " buffers from the pool, " + swap.waived(stats) + " from the JDK (too large, budget or closed);"
                + " pages returned: scoped " + swap.released(ReleasePath.SCOPED) + ", release= methods "
                + swap.released(ReleasePath.METHOD) + ", PagePools.release " + swap.released(ReleasePath.API)
                + ", unreachable " + swap.released(ReleasePath.REACHABILITY) + "; ignored releases "
                + (swap.released(ReleasePath.IGNORED_FOREIGN) + swap.released(ReleasePath.IGNORED_STALE))
                + String.format(Locale.ROOT, "; fast-path ratio %.1f%%, memory mapped %d MiB",
                        100 * stats.fastPathRatio(), stats.bytesMapped() >> 20)
                + (rewriter.failures() > 0 ? "; " + rewriter.failures() + " class(es) could not be"
                        + " rewritten (see above)" : "")
                + (rewriter.loadersSkipped() > 0 ? "; " + rewriter.loadersSkipped() + " class(es) left"
                        + " alone: their loader cannot see the agent" : "");
    }
}
