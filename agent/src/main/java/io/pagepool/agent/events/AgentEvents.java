package io.pagepool.agent.events;

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.PoolStats;
import jdk.jfr.FlightRecorder;

/** Registers the agent's periodic JFR event and emits per-site verdicts. */
public final class AgentEvents {
    private AgentEvents() {
    }

    /**
     * Emits {@link ReleaseStatisticsEvent} every period with the deltas of {@code swap}'s counters,
     * all taken from one pool snapshot. JFR may run the hook on its periodic thread and, at chunk
     * rotation, on another: a lock keeps each run's read and update of the previous values whole.
     */
    public static void install(BufferSwap swap) {
        Object lock = new Object();
        long[] last = new long[7];
        FlightRecorder.addPeriodicEvent(ReleaseStatisticsEvent.class, () -> {
            synchronized (lock) {
                PoolStats stats = swap.pool().stats(); // one pass over the caches per run
                long[] now = {swap.swapped(stats), swap.waived(stats), swap.released(ReleasePath.SCOPED),
                        swap.released(ReleasePath.METHOD), swap.released(ReleasePath.API),
                        swap.released(ReleasePath.REACHABILITY),
                        swap.released(ReleasePath.IGNORED_FOREIGN) + swap.released(ReleasePath.IGNORED_STALE)};
                ReleaseStatisticsEvent e = new ReleaseStatisticsEvent();
                e.pooled = now[0] - last[0];
                e.waived = now[1] - last[1];
                e.scoped = now[2] - last[2];
                e.method = now[3] - last[3];
                e.api = now[4] - last[4];
                e.unreachable = now[5] - last[5];
                e.ignored = now[6] - last[6];
                e.commit();
                System.arraycopy(now, 0, last, 0, now.length);
            }
        });
    }

    /** One site's verdict, when a recording wants it. */
    public static void verdict(String className, String method, int line, boolean scoped, String reason) {
        ScopeVerdictEvent e = new ScopeVerdictEvent();
        if (e.shouldCommit()) {
            e.className = className;
            e.method = method;
            e.line = line;
            e.scoped = scoped;
            e.reason = reason;
            e.commit();
        }
    }
}
