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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options in a forked JVM: one clear line each, the application runs on (or exits 1 before main). */
class AgentErrorsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void badOptionsPrintOneLineEachAndTheApplicationRunsWithoutTheAgent() throws Exception {
        Jvm nic = Jvm.start(dir, "bad", Jvm.sample("cache=0,colour=red,maxMemory=12q", List.of(), "SimNic",
                "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), "the application's own exit code: " + nic.err());
        assertTrue(nic.out().contains("RESULT simnic"), nic.out());
        List<String> lines = nic.err().lines().filter(l -> l.startsWith("pagepool: bad agent option: ")).toList();
        assertEquals(List.of(
                "pagepool: bad agent option: unknown option 'colour'; known options: include, exclude, pageSize,"
                        + " minSize, maxSize, cache, refill, ring, maxMemory, mapping, zero, stats, jfr, tune,"
                        + " tuneInterval, scope, "
                                + "scopeCheck, release, site,"
                        + " cleaner, recipes, onError, log, summary",
                "pagepool: bad agent option: bad value cache=0: out of range: allowed 1 to 65536",
                "pagepool: bad agent option: bad value maxMemory=12q: not a size (allowed: a size with k, m or g "
                        + "suffix)"),
                lines);
        assertTrue(nic.err().contains("pagepool: the application runs without the agent"), nic.err());
        assertFalse(nic.err().contains("Exception"), nic.err());
        assertFalse(nic.err().contains("served"), "no agent summary: the agent is off");
        assertEquals("0", Jvm.field(nic.out(), "RESULT simnic", "bad"));
        assertTrue(Long.parseLong(Jvm.field(nic.out(), "RESULT simnic", "directBuffers")) > 0, "JDK path");
    }

    @Test
    void onErrorExitStopsBeforeMain() throws Exception {
        Jvm nic = Jvm.start(dir, "exit", Jvm.sample("onError=exit,zero=perhaps", List.of(), "SimNic", "--duration",
                "1"));
        assertEquals(1, nic.waitFor(TIMEOUT), nic.err());
        assertEquals("", nic.out(), "main never ran");
        assertTrue(nic.err().contains("pagepool: bad agent option: bad value zero=perhaps"), nic.err());
        assertTrue(nic.err().contains("onError=exit: exiting with status 1"), nic.err());
    }

    @Test
    void releaseEntriesThatNeverMatchGetALineEach() throws Exception {
        // what bash leaves of an unquoted release=io.pagepool.samples.SimNic$TxRing#completed, and a typo
        Jvm nic = Jvm.start(dir, "release", Jvm.sample("tune=off,release=io.pagepool.samples.SimNic#completed;"
                + "io.pagepool.samples.SimNick#completed", List.of(), "SimNic", "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), nic.err());
        assertTrue(nic.out().contains("RESULT simnic"), nic.out());
        String err = nic.err();
        assertTrue(err.contains("pagepool: release=io.pagepool.samples.SimNic#completed: class "
                + "io.pagepool.samples.SimNic"
                + " has no method 'completed' with a body; nothing is released there (nested classes are written"
                + " Outer$Inner"), err);
        assertTrue(err.contains("pagepool: release=io.pagepool.samples.SimNick#completed: class"
                + " io.pagepool.samples.SimNick was never loaded"), err);
        assertEquals(2, err.lines().filter(l -> l.startsWith("pagepool: release=")).count(), err);
        assertTrue(Jvm.servedByPool(err) > 0, "the agent runs: " + err);
    }

    @Test
    void aRecordingThatCannotBeWrittenIsSaidAtStartAndTheAgentRunsOn() throws Exception {
        Jvm nic = Jvm.start(dir, "jfr", Jvm.sample("tune=off,jfr=/dev/full", List.of(), "SimNic", "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), nic.err());
        assertTrue(nic.err().contains("pagepool: jfr=/dev/full: cannot write there (No space left on device);"
                + " the agent runs without a recording"), nic.err());
        assertTrue(Jvm.servedByPool(nic.err()) > 0, nic.err());
    }

    @Test
    void refillAtTheTopOfItsListedRangeStarts() throws Exception {
        Jvm nic = Jvm.start(dir, "refill", Jvm.sample("tune=off,refill=5000", List.of(), "SimNic", "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), nic.err());
        assertTrue(nic.err().contains("refill=5000"), nic.err());
        assertFalse(nic.err().contains("could not start"), nic.err());
        assertTrue(Jvm.servedByPool(nic.err()) > 0, nic.err());
    }

    @Test
    void aTuneIntervalOutOfRangeIsABadOption() throws Exception {
        Jvm nic = Jvm.start(dir, "tune", Jvm.sample("tuneInterval=999999999m", List.of(), "SimNic", "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), nic.err());
        assertTrue(nic.err().contains("pagepool: bad agent option: bad value tuneInterval=999999999m: longer than 24h"),
                nic.err());
        assertFalse(nic.err().contains("Exception"), nic.err());
    }
}
