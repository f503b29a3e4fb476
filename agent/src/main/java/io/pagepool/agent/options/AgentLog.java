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
