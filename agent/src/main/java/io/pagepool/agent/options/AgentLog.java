package io.pagepool.agent.options;

import java.io.PrintStream;

/** The agent's lines on stderr, each prefixed {@code pagepool: }. Threading: any thread. */
public final class AgentLog {
    private final AgentOptions.LogLevel level;
    private final PrintStream out;

    /** Prints the lines {@code level} lets through to {@code out}. */
    public AgentLog(AgentOptions.LogLevel level, PrintStream out) {
        this.level = level;
        this.out = out;
    }

    /** Printed at every level: something is wrong. */
    public void error(String line) {
        out.println("pagepool: " + line);
    }

    /** Printed at info and debug. */
    public void info(String line) {
        if (level != AgentOptions.LogLevel.QUIET) {
            out.println("pagepool: " + line);
        }
    }

    /** Printed at debug only. */
    public void debug(String line) {
        if (level == AgentOptions.LogLevel.DEBUG) {
            out.println("pagepool: " + line);
        }
    }

    /** Whether {@link #debug} prints. */
    public boolean debugEnabled() {
        return level == AgentOptions.LogLevel.DEBUG;
    }
}
