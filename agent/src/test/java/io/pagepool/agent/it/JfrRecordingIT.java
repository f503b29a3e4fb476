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
package io.pagepool.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's {@code jfr=} recording holds the whole run: the pool's allocations summed over its
 * PoolStatistics events and the agent's pooled calls summed over its AgentReleaseStatistics events
 * equal the buffers the application allocated and the agent's exit summary, however short the run.
 */
class JfrRecordingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} buffers")
    @ValueSource(longs = {1_000, 100_000, 2_000_000})
    void theRecordingAddsUpToTheExitSummary(long buffers) throws Exception {
        Path jfr = dir.resolve("run-" + buffers + ".jfr");
        List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-Xmx256m",
                "-javaagent:" + Jvm.agentJar() + "=tune=off,jfr=" + jfr,
                "-cp", Path.of("target/test-classes").toString(), "io.pagepool.itapp.DirectBuffersMain",
                Long.toString(buffers)));
        Jvm app = Jvm.start(dir, "app-" + buffers, command);
        assertEquals(0, app.waitFor(TIMEOUT), app::err);
        assertEquals(buffers, Jvm.servedByPool(app.err()), app::err);
        assertEquals(buffers, sum(jfr, "io.pagepool.PoolStatistics", "allocPages"), "PoolStatistics allocPages");
        assertEquals(buffers, sum(jfr, "io.pagepool.AgentReleaseStatistics", "pooled"), "AgentReleaseStatistics");
    }

    private static long sum(Path file, String event, String field) throws Exception {
        long sum = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(event)) {
                sum += e.getLong(field);
            }
        }
        return sum;
    }
}
