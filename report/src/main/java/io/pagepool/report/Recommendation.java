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
package io.pagepool.report;

import java.util.List;

/**
 * Agent options for running one pool with the tuner off: each value with the reason the recording
 * gave for it, and the ready {@code -javaagent:} line; when the recording is too short or too
 * quiet for sizes, {@code tune=on} and why.
 *
 * @param pool the pool's name
 * @param evidence what the recording showed of the pool's load
 * @param values the options, in the order of the line
 */
record Recommendation(String pool, Evidence evidence, List<Value> values) {
    /** The agent jar's name in the recommended line. */
    static final String AGENT_JAR = "pagepool-agent.jar";

    /**
     * One agent option: key (pageSize, cache, refill, ring, maxMemory, mapping, zero, stats, jfr,
     * tune), value, why.
     */
    record Value(String key, String value, String reason) {
    }

    /** The value of option {@code key}, or null. */
    String value(String key) {
        return values.stream().filter(v -> v.key().equals(key)).map(Value::value).findFirst().orElse(null);
    }

    /** {@code tune=off,cache=256,...} */
    String agentOptions() {
        StringBuilder b = new StringBuilder();
        for (Value v : values) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(v.key()).append('=').append(v.value());
        }
        return b.toString();
    }

    /** {@code -javaagent:pagepool-agent.jar=tune=off,...} */
    String line() {
        return "-javaagent:" + AGENT_JAR + "=" + agentOptions();
    }
}
