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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sun.misc.Unsafe.invokeCleaner} in forked JVMs with the real agent jar
 * ({@code io.pagepool.itapp.CleanerMain}): a direct call, reflection and a bound
 * {@code MethodHandle} each release a pooled lease, and leave JDK buffers, slices and duplicates
 * to the JDK exactly as without the agent; {@code cleaner=off} keeps the old behaviour; an attach
 * instruments the method while it is in use; a JVM without {@code sun.misc.Unsafe} runs on.
 */
class InvokeCleanerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> WAYS = List.of("direct", "reflection", "methodHandle");
    private static final String ALLOW = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path dir;

    private static List<String> cleanerMain(String agentOptions, String... jvmAndArgs) {
        List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-Xmx256m", ALLOW));
        if (agentOptions != null) {
            command.add("-javaagent:" + Jvm.agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        List<String> rest = List.of(jvmAndArgs);
        int main = rest.indexOf("--");
        command.addAll(main < 0 ? List.of() : rest.subList(0, main));
        // the agent jar on the class path too: PagePools.isPooled answers false without the agent
        command.addAll(List.of("-cp", Path.of("target/test-classes") + java.io.File.pathSeparator + Jvm.agentJar(),
                "io.pagepool.itapp.CleanerMain"));
        command.addAll(main < 0 ? rest : rest.subList(main + 1, rest.size()));
        return command;
    }

    private Jvm run(String name, List<String> command) throws Exception {
        Jvm jvm = Jvm.start(dir, name, command);
        assertEquals(0, jvm.waitFor(TIMEOUT), () -> jvm.out() + jvm.err());
        return jvm;
    }

    private static String field(Jvm jvm, String way, String key) {
        return Jvm.field(jvm.out(), "RESULT way=" + way + " ", key);
    }

    /** The number after {@code label} in the agent's exit summary. */
    private static long returned(String stderr, String label) {
        Matcher m = Pattern.compile("pages returned: [^;]*\\b" + Pattern.quote(label) + " (\\d+)").matcher(stderr);
        assertTrue(m.find(), "no '" + label + "' in the summary: " + stderr);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aPooledLeaseFreedByInvokeCleanerComesBackWhoeverCalls() throws Exception {
        Jvm agent = run("agent", cleanerMain("tune=off"));
        for (String way : WAYS) {
            assertEquals("true", field(agent, way, "pooledBefore"), way + ": " + agent.out());
            assertEquals("false", field(agent, way, "pooledAfter"), way + ": the page came back");
            assertEquals("true", field(agent, way, "keptPooledAfterViews"), way + ": a view's free releases nothing");
        }
        String err = agent.err();
        assertEquals(2 * WAYS.size(), returned(err, "invokeCleaner"), err); // each way's buffer and its kept one
        assertEquals(0, returned(err, "unreachable"), err);
        assertTrue(err.contains("; ignored releases 0;"), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void jdkBuffersSlicesAndDuplicatesBehaveAsWithoutTheAgent() throws Exception {
        Jvm jdk = run("jdk", cleanerMain(null));
        Jvm agent = run("agent", cleanerMain("tune=off"));
        for (String way : WAYS) {
            assertEquals("false", field(agent, way, "largePooled"), "1 MiB is larger than a page: the JDK's");
            assertEquals("1048576", field(agent, way, "largeFreedBytes"), way + ": the JDK freed its buffer");
            for (String key : List.of("largeFreedBytes", "slice", "duplicate", "jdkSlice")) {
                assertEquals(field(jdk, way, key), field(agent, way, key), way + " " + key);
            }
            assertEquals("IllegalArgumentException:duplicate_or_slice", field(agent, way, "slice"), way);
            assertEquals("IllegalArgumentException:duplicate_or_slice", field(agent, way, "duplicate"), way);
        }
    }

    @Test
    void withCleanerOffInvokeCleanerLeavesThePageLeased() throws Exception {
        Jvm off = run("off", cleanerMain("tune=off,cleaner=off"));
        for (String way : WAYS) {
            assertEquals("true", field(off, way, "pooledBefore"), off.out());
            assertEquals("true", field(off, way, "pooledAfter"), way + ": the JDK's invokeCleaner does nothing there");
        }
        assertEquals(0, returned(off.err(), "invokeCleaner"), off.err());
    }

    @Test
    void anAttachInstrumentsTheMethodWhileItIsInUse() throws Exception {
        Path go = dir.resolve("go");
        Jvm target = Jvm.start(dir, "target", cleanerMain(null, "-XX:+EnableDynamicAgentLoading", "--", "--await",
                go.toString()));
        target.awaitOut("ready", TIMEOUT); // invokeCleaner called 20,000 times: compiled and inlined
        Jvm attach = Jvm.start(dir, "attach", List.of(Jvm.JAVA.toString(), "-jar", Jvm.agentJar().toString(),
                "attach", Long.toString(target.pid()), "tune=off"));
        assertEquals(0, attach.waitFor(TIMEOUT), () -> attach.out() + attach.err());
        Files.createFile(go);
        assertEquals(0, target.waitFor(TIMEOUT), () -> target.out() + target.err());
        for (String way : WAYS) {
            assertEquals("true", field(target, way, "pooledBefore"), target.out() + target.err());
            assertEquals("false", field(target, way, "pooledAfter"), way);
        }
        assertEquals(2 * WAYS.size(), returned(target.err(), "invokeCleaner"), target.err());
    }

    @Test
    void withoutSunMiscUnsafeTheAgentSaysSoOnceAndRunsOn() throws Exception {
        Jvm jvm = run("limited", List.of(Jvm.JAVA.toString(), "--limit-modules",
                "java.base,java.instrument,java.management,jdk.jfr,jdk.management,java.logging",
                "-javaagent:" + Jvm.agentJar() + "=tune=off", "-cp", Path.of("target/test-classes").toString(),
                "io.pagepool.itapp.DirectBuffersMain", "1000"));
        String err = jvm.err();
        assertEquals(1, err.lines().filter(l -> l.contains("Unsafe.invokeCleaner does not release")).count(), err);
        assertTrue(err.contains("no sun.misc.Unsafe in this JVM"), err);
        assertTrue(jvm.out().contains("RESULT buffers=1000 sum=499500"), jvm.out());
        assertTrue(Jvm.servedByPool(err) > 0, err);
    }
}
