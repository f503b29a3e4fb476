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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real external client: {@code sockperf ping-pong} (Debian package {@code sockperf}) against
 * UdpEchoServer under the agent. Skipped when sockperf is not installed, unless
 * {@code PAGEPOOL_REQUIRE_SOCKPERF=1} (set by {@code .ci/run}, which installs it).
 */
class SockperfIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Path sockperf() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, "sockperf");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void sockperfPingPongGetsEveryReply() throws Exception {
        Path sockperf = sockperf();
        boolean required = "1".equals(System.getenv("PAGEPOOL_REQUIRE_SOCKPERF"));
        if (required) {
            assertTrue(sockperf != null, "PAGEPOOL_REQUIRE_SOCKPERF=1 but sockperf is not on PATH");
        }
        assumeTrue(sockperf != null, "sockperf is not installed (apt-get install sockperf)");
        Jvm server = Jvm.start(dir, "server", Jvm.sample("tune=off", List.of(), "UdpEchoServer", "--port", "0",
                "--protocol", "sockperf", "--duration", "6"));
        String port = server.awaitOut("UdpEchoServer listening on 127\\.0\\.0\\.1:(\\d+)", TIMEOUT);
        Process client = new ProcessBuilder(sockperf.toString(), "ping-pong", "-i", "127.0.0.1", "-p", port, "-t", "2",
                "-m", "256").redirectErrorStream(true).start();
        String text = new String(client.getInputStream().readAllBytes());
        assertEquals(0, client.waitFor(), text);
        Matcher valid = Pattern.compile("\\[Valid Duration\\].*SentMessages=([0-9]+); ReceivedMessages=([0-9]+)")
                .matcher(text);
        assertTrue(valid.find(), text);
        long observations = Long.parseLong(valid.group(2));
        assertTrue(observations > 100, "sockperf got replies: " + text);
        assertEquals(valid.group(1), valid.group(2), "every request of the valid period answered: " + text);
        assertTrue(text.contains("# dropped messages = 0"), text);
        assertTrue(text.contains("Summary: Latency is"), text);
        assertEquals(0, server.waitFor(TIMEOUT), server::err);
        assertTrue(Jvm.servedByPool(server.err()) >= observations, server.err());
    }
}
