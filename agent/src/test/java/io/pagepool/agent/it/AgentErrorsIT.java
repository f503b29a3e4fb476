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
                "pagepool: bad agent option: unknown option 'colour'; known options: include, exclude, pageSize, cache,"
                        + " refill, ring, maxMemory, mapping, zero, stats, jfr, tune, tuneInterval, scope, scopeCheck, release,"
                        + " onError, log",
                "pagepool: bad agent option: bad value cache=0: out of range: allowed 1 to 65536",
                "pagepool: bad agent option: bad value maxMemory=12q: not a size (allowed: a size with k, m or g suffix)"),
                lines);
        assertTrue(nic.err().contains("pagepool: the application runs without the agent"), nic.err());
        assertFalse(nic.err().contains("Exception"), nic.err());
        assertFalse(nic.err().contains("served"), "no agent summary: the agent is off");
        assertEquals("0", Jvm.field(nic.out(), "RESULT simnic", "bad"));
        assertTrue(Long.parseLong(Jvm.field(nic.out(), "RESULT simnic", "directBuffers")) > 0, "JDK path");
    }

    @Test
    void onErrorExitStopsBeforeMain() throws Exception {
        Jvm nic = Jvm.start(dir, "exit", Jvm.sample("onError=exit,zero=perhaps", List.of(), "SimNic", "--duration", "1"));
        assertEquals(1, nic.waitFor(TIMEOUT), nic.err());
        assertEquals("", nic.out(), "main never ran");
        assertTrue(nic.err().contains("pagepool: bad agent option: bad value zero=perhaps"), nic.err());
        assertTrue(nic.err().contains("onError=exit: exiting with status 1"), nic.err());
    }
}
