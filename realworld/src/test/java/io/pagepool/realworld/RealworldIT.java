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
package io.pagepool.realworld;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every realworld target as a real forked JVM on loopback, without and with {@code -javaagent:}
 * (the two at once, to keep the suite short), under a short load that checks every echo: all
 * intact, none lost over TCP and hardly any over UDP, the server exits 0 after printing its
 * figures, and with the agent its exit summary is there, it rewrote at least one site of the
 * target's code or library, and it printed no error.
 */
class RealworldIT {
    private static final double LOAD_SECONDS = 0.7;
    private static final long MAX_ECHOES = 4000;
    private static final Pattern REWROTE = Pattern.compile("rewrote (\\d+) allocateDirect site");

    @TempDir
    Path dir;

    static List<Target> targets() {
        return Target.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyEchoIsIntactWithoutAndWithTheAgent(Target target) throws Exception {
        CompletableFuture<Run> jdk = CompletableFuture.supplyAsync(() -> run(target, false));
        Run agent = run(target, true);
        check(jdk.join());
        check(agent);
        AgentSummary summary = agent.summary();
        assertTrue(summary.present(), "no agent summary: " + agent.server().err());
        assertEquals(List.of(), summary.errors(), agent.server().err());
        Matcher rewrote = REWROTE.matcher(agent.server().err());
        assertTrue(rewrote.find() && Long.parseLong(rewrote.group(1)) > 0,
                "the agent rewrote no site of " + target.name() + ": " + agent.server().err());
        assertFalse(jdk.join().summary().present(), "a summary without the agent");
    }

    private Run run(Target target, boolean withAgent) {
        try {
            return Run.once(target, classpath(), withAgent ? agentJar() : null, "", dir,
                    target.name() + (withAgent ? "-agent" : "-jdk"), 0, LOAD_SECONDS, MAX_ECHOES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(Run run) {
        LoadResult load = run.load();
        String what = run.target().name() + (run.agent() ? " with the agent" : " on the JDK") + ": " + load
                + "; stderr: " + run.server().err();
        assertEquals(0, load.corrupt(), "damaged echoes, " + what);
        assertTrue(load.received() >= 200, "too few echoes, " + what);
        if (run.target().protocol() == Protocol.TCP) {
            assertEquals(load.sent(), load.received(), "TCP lost echoes, " + what);
        } else { // a stall of the loaded machine counts a window as lost; its echoes then come late
            long neverCame = load.lost() - load.late();
            assertTrue(neverCame <= 32 + load.sent() / 100, "UDP lost more than loopback loses, " + what);
        }
        assertEquals(0, run.exitStatus(), "server exit, " + what);
        assertNotNull(run.server().result("directPeakBytes"), "no RESULT line: " + run.server().out());
        assertFalse(run.server().err().contains("Exception"), what);
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("pagepool.agent.jar", "../agent/target/pagepool-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "build the agent jar first (mvn package): " + jar);
        return jar;
    }

    private static String classpath() {
        try {
            return System.getProperty("realworld.classes", "target/classes") + java.io.File.pathSeparator
                    + Files.readString(Path.of(System.getProperty("realworld.classpath.file",
                            "target/runtime-classpath.txt"))).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
