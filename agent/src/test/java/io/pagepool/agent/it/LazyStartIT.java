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

import example.startup.RacingFirstSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's two-step start in forked JVMs: ByteBuddy and the pool are loaded only when a class
 * that calls {@code allocateDirect} loads, and that class, and every class loaded while the rewriting
 * starts, is rewritten. (Start-up time itself is measured by {@code ./pagepool bench startup},
 * never asserted.)
 */
class LazyStartIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String BYTEBUDDY = "io.pagepool.shaded.bytebuddy.";

    @TempDir
    Path dir;

    /** A sample under the agent with the JVM's class-loading log in {@code NAME.classes}. */
    private Jvm probe(String name, String mainClass) throws Exception {
        return Jvm.start(dir, name, Jvm.sample("tune=off,log=debug", List.of("-Xlog:class+load=info:file="
                + dir.resolve(name + ".classes")), mainClass));
    }

    @Test
    void anApplicationThatNeverCallsAllocateDirectNeverLoadsByteBuddy() throws Exception {
        Jvm hello = probe("hello", "ExitAtOnce");
        assertEquals(0, hello.waitFor(TIMEOUT), hello::err);
        assertTrue(hello.out().contains("ExitAtOnce"), hello.out());
        String classes = Files.readString(dir.resolve("hello.classes"));
        assertTrue(classes.contains("io.pagepool.agent.rewrite.ClassWatch"), "the agent ran: " + hello.err());
        assertFalse(classes.contains(BYTEBUDDY), "no ByteBuddy class loaded");
        assertFalse(classes.contains("io.pagepool.tuner."), "no tuner");
        // (the option parser reads a few pool types; building the pool loads many more)
        assertFalse(classes.contains("io.pagepool.agent.runtime.BufferSwap"), "no pool: built with the rewriting");
        assertFalse(classes.contains("io.pagepool.pool.RecycleRing"), "no pool: built with the rewriting");
        String err = hello.err();
        assertTrue(err.contains("rewrote 0 allocateDirect site(s) in 0 class(es)"), "exit summary printed: " + err);
        assertFalse(err.contains("rewriting on in"), err);
    }

    @Test
    void theFirstClassThatCallsAllocateDirectStartsTheRewritingAndIsRewritten() throws Exception {
        Jvm one = probe("one", "OneBuffer");
        assertEquals(0, one.waitFor(TIMEOUT), one::err);
        assertTrue(one.out().contains("OneBuffer capacity=2048 ok=true"), one.out());
        String err = one.err();
        assertTrue(err.contains("pagepool: rewriting on in"), err);
        assertTrue(err.contains("pagepool: scoped site io.pagepool.samples.OneBuffer.main("), err);
        assertEquals(1, Jvm.servedByPool(err), "its one buffer came from the pool: " + err);
        assertTrue(Files.readString(dir.resolve("one.classes")).contains(BYTEBUDDY), "ByteBuddy loaded");
    }

    @Test
    void classesLoadedWhileTheRewritingStartsAreRewritten() throws Exception {
        String testClasses = Path.of(RacingFirstSites.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        for (int round = 0; round < 3; round++) {
            List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-Xmx256m",
                    "-javaagent:" + Jvm.agentJar() + "=tune=off", "-cp", testClasses,
                    RacingFirstSites.class.getName()));
            Jvm racing = Jvm.start(dir, "racing-" + round, command);
            assertEquals(0, racing.waitFor(TIMEOUT), racing::err);
            assertEquals("8/8", Jvm.field(racing.out(), "RESULT racing", "pooled"),
                    "round " + round + ": " + racing.out() + racing.err());
            assertTrue(racing.err().contains("rewrote 8 allocateDirect site(s) in 8 class(es)"), racing.err());
        }
    }
}
