package io.pagepool.agent.events;

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.recorder.ChunkBoundaries;
import jdk.jfr.FlightRecorder;

/** Registers the agent's periodic JFR event and emits per-site verdicts. */
public final class AgentEvents {
    private AgentEvents() {
    }

    /**
     * Emits {@link ReleaseStatisticsEvent} every period with the deltas of {@code swap}'s counters,
     * all taken from one pool snapshot, and at the end of every chunk, so that a recording holds
     * the change up to its stop, dump or the JVM's exit; a recording that starts takes the figures
     * then as its baseline (see {@link ChunkBoundaries}).
     */
    public static void install(BufferSwap swap) {
        ReleaseStatistics statistics = new ReleaseStatistics(swap);
        FlightRecorder.addPeriodicEvent(ReleaseStatisticsEvent.class, statistics::commit);
        ChunkBoundaries.add(statistics);
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
