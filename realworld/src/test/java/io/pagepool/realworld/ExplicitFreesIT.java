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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's explicit frees against the real Netty 4.2.18.Final from Maven Central: its unpooled
 * direct buffers come back through the {@code netty-unpooled} recipe when Unsafe is off (Netty's
 * no-op cleaner), and through {@code Unsafe.invokeCleaner} (Netty's {@code CleanerJava9}, a bound
 * {@code MethodHandle}) when it is on; with the switches off, neither path returns a page.
 */
class ExplicitFreesIT {
    private static final double LOAD_SECONDS = 0.7;
    private static final long MAX_ECHOES = 4000;

    @TempDir
    Path dir;

    private Run run(String target, String options) throws Exception {
        Target t = Target.select(target).getFirst();
        Run run = Run.once(t, classpath(), agentJar(), options, dir, target + "-" + options.replace('=', '-'), 0,
                LOAD_SECONDS, MAX_ECHOES);
        String what = target + " " + options + ": " + run.load() + "; stderr: " + run.server().err();
        assertEquals(0, run.load().corrupt(), what);
        assertEquals(0, run.exitStatus(), what);
        assertTrue(run.summary().present(), what);
        assertEquals(List.of(), run.summary().errors(), what);
        assertTrue(run.summary().served() >= 200, "the pool served Netty's buffers: " + what);
        return run;
    }

    /** Pages returned by {@code path}; at exit a few are still leased (in flight), the rest came back there. */
    private static void mostCameBackBy(Run run, String path) {
        AgentSummary s = run.summary();
        long by = s.returned().getOrDefault(path, 0L);
        assertTrue(by >= s.served() - 64, path + " returned " + by + " of " + s.served() + ": " + s);
        long unreachable = s.returned().getOrDefault("unreachable", 0L);
        assertTrue(unreachable <= 64, "left to a GC: " + unreachable + ": " + s);
    }

    @Test
    void nettyUnpooledWithoutUnsafeReturnsItsPagesByTheRecipe() throws Exception {
        mostCameBackBy(run("netty-udp-unpooled", "tune=off"), "recipes");
    }

    @Test
    void withoutTheRecipeNettysNoOpCleanerReturnsNothing() throws Exception {
        AgentSummary s = run("netty-udp-unpooled", "tune=off,recipes=none").summary();
        assertEquals(0, s.returned().get("recipes"), s.toString());
        assertEquals(0, s.returned().get("invokeCleaner"), s.toString());
    }

    @Test
    void nettyUnpooledWithUnsafeReturnsItsPagesThroughInvokeCleaner() throws Exception {
        mostCameBackBy(run("netty-udp-unpooled-unsafe", "tune=off"), "invokeCleaner");
    }

    @Test
    void withCleanerOffNettysInvokeCleanerReturnsNothing() throws Exception {
        AgentSummary s = run("netty-udp-unpooled-unsafe", "tune=off,cleaner=off").summary();
        assertEquals(0, s.returned().get("invokeCleaner"), s.toString());
        assertEquals(0, s.returned().get("recipes"), s.toString());
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("pagepool.agent.jar", "../agent/target/pagepool-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "build the agent jar first (mvn package): " + jar);
        return jar;
    }

    private static String classpath() throws IOException {
        return System.getProperty("realworld.classes", "target/classes") + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("realworld.classpath.file",
                        "target/runtime-classpath.txt"))).strip();
    }
}
