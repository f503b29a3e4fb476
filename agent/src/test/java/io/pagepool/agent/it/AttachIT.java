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

import example.attach.ErrorStateTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar pagepool-agent.jar attach PID} against running, unmodified samples. */
class AttachIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Jvm attach(long pid, String options) throws Exception {
        return Jvm.start(dir, "attach-" + pid, List.of(Jvm.JAVA.toString(), "-jar", Jvm.agentJar().toString(),
                "attach", Long.toString(pid), options));
    }

    @Test
    void attachRewritesCallSitesOfClassesLoadedBefore() throws Exception {
        Jvm server = Jvm.start(dir, "server", Jvm.sample(null, List.of("-XX:+EnableDynamicAgentLoading"),
                "UdpEchoServer", "--port", "0"));
        String port = server.awaitOut("UdpEchoServer listening on 127\\.0\\.0\\.1:(\\d+)", TIMEOUT);
        Jvm warmup = Jvm.start(dir, "warmup", Jvm.sample(null, List.of(), "UdpLoad", "--target", "127.0.0.1:" + port,
                "--threads", "1", "--duration", "1"));
        assertEquals(0, warmup.waitFor(TIMEOUT), () -> warmup.out() + warmup.err()); // echoOne loaded and compiled
        Jvm attach = attach(server.pid(), "log=debug,tune=off");
        assertEquals(0, attach.waitFor(TIMEOUT), () -> attach.out() + attach.err());
        assertTrue(attach.out().contains("pagepool: agent running"), attach.out());
        Jvm load = Jvm.start(dir, "load", Jvm.sample(null, List.of(), "UdpLoad", "--target", "127.0.0.1:" + port,
                "--threads", "2", "--duration", "2"));
        assertEquals(0, load.waitFor(TIMEOUT), () -> load.out() + load.err());
        assertEquals("0", Jvm.field(load.out(), "RESULT load", "corrupt"));
        long received = Long.parseLong(Jvm.field(load.out(), "RESULT load", "received"));
        server.stop(TIMEOUT); // SIGTERM: exit status 143, the shutdown hooks print the results
        String err = server.err();
        assertTrue(server.out().contains("RESULT server"), server.out());
        assertTrue(err.contains("pagepool: scoped site io.pagepool.samples.UdpEchoServer.echoOne("), err);
        assertFalse(err.contains("A Java agent has been loaded dynamically"), "the flag silences JEP 451's warning");
        assertTrue(Jvm.servedByPool(err) >= received - 64, "every packet after attach served by the pool: " + err);
    }

    /** The test classes folder: {@code example.attach.ErrorStateTarget} runs from it. */
    private static String testClasses() throws Exception {
        return Path.of(ErrorStateTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void aLoadedClassInTheErrorStateSkipsOnlyItself() throws Exception {
        Jvm target = Jvm.start(dir, "target", List.of(Jvm.JAVA.toString(), "-XX:+EnableDynamicAgentLoading", "-cp",
                testClasses(), ErrorStateTarget.class.getName()));
        target.awaitOut("ready", TIMEOUT);
        Jvm attach = attach(target.pid(), "log=debug,tune=off,scope=off");
        assertEquals(0, attach.waitFor(TIMEOUT), () -> attach.out() + attach.err());
        assertTrue(attach.out().contains("rewrote 2 site(s) in 1 class(es); 1 class(es) skipped"
                + " (example.attach.BrokenInit)"), attach.out());
        Thread.sleep(1_000); // the target keeps allocating through the rewritten sites
        target.stop(TIMEOUT);
        String err = target.err();
        assertTrue(err.contains("pagepool: could not retransform example.attach.BrokenInit"), err);
        assertFalse(err.contains("could not retransform 2"), err);
        assertTrue(err.contains("pagepool: rewrote example.attach.Allocates: 2 allocateDirect sites"), err);
        assertTrue(err.contains("; 1 class(es) could not be rewritten"), err);
        assertTrue(Jvm.servedByPool(err) > 0, err);
    }

    @Test
    void attachSaysSoWhenNothingCouldBeRewritten() throws Exception {
        Jvm target = Jvm.start(dir, "broken-only", List.of(Jvm.JAVA.toString(), "-XX:+EnableDynamicAgentLoading",
                "-cp", testClasses(), ErrorStateTarget.class.getName()));
        target.awaitOut("ready", TIMEOUT);
        Jvm attach = attach(target.pid(), "tune=off,include=example.attach.BrokenInit");
        assertEquals(1, attach.waitFor(TIMEOUT), () -> attach.out() + attach.err());
        assertTrue(attach.err().contains("rewrote nothing") && attach.err().contains("(example.attach.BrokenInit)"),
                attach.err());
        target.kill();
    }

    @Test
    void aSecondAttachWithOtherOptionsSaysWhichDiffer() throws Exception {
        Jvm target = Jvm.start(dir, "twice", List.of(Jvm.JAVA.toString(), "-XX:+EnableDynamicAgentLoading", "-cp",
                testClasses(), ErrorStateTarget.class.getName()));
        target.awaitOut("ready", TIMEOUT);
        Jvm first = attach(target.pid(), "tune=off,cache=64");
        assertEquals(0, first.waitFor(TIMEOUT), () -> first.out() + first.err());
        Jvm same = attach(target.pid(), "tune=off,cache=64");
        assertEquals(0, same.waitFor(TIMEOUT), () -> same.out() + same.err());
        assertTrue(same.out().contains("already running with these options"), same.out() + same.err());
        Jvm second = attach(target.pid(), "tune=off,cache=256,scope=off");
        assertEquals(1, second.waitFor(TIMEOUT), () -> second.out() + second.err());
        assertTrue(second.err().contains("already running") && second.err().contains("cache=256 (running: 64)")
                && second.err().contains("scope=off (running: on)"), second.err());
        target.kill();
    }

    @Test
    void aTargetThatRefusesAgentsIsExplained() throws Exception {
        Jvm server = Jvm.start(dir, "refuser", Jvm.sample(null, List.of("-XX:-EnableDynamicAgentLoading"),
                "UdpEchoServer", "--port", "0", "--duration", "5"));
        server.awaitOut("listening on", TIMEOUT);
        Jvm attach = attach(server.pid(), "");
        assertEquals(1, attach.waitFor(TIMEOUT));
        assertTrue(attach.err().contains("refused the agent")
                && attach.err().contains("-XX:+EnableDynamicAgentLoading"),
                attach.err());
        server.kill();
    }

    @Test
    void badOptionsNeverReachTheTarget() throws Exception {
        Jvm attach = attach(ProcessHandle.current().pid(), "ring=lots");
        assertEquals(2, attach.waitFor(TIMEOUT));
        assertEquals("pagepool attach: bad agent option: bad value ring=lots: not a whole number (allowed: 1 to "
                + "1048576 pages)",
                attach.err().strip());
    }
}
