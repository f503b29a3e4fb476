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
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rewritten site costs on the heap, and that recycling scoped views leaves
 * {@code scopeCheck=on} able to catch a wrong verdict: forked JVMs with the real agent running the
 * test applications of {@code io.pagepool.itapp}. Heap bytes are the allocating thread's own
 * ({@code ThreadMXBean.getCurrentThreadAllocatedBytes}), the least of several measured rounds
 * of a million calls after warm-up rounds, so the JIT has compiled the loop and its rare paths.
 */
class GarbageFreeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int OPS_PER_ROUND = 1_000_000;
    /**
     * Rounds before measuring: enough that C2 compiles the rare paths too (the pool's allocation
     * sampler, every 1024th allocation, allocates until it is compiled).
     */
    private static final int WARM_UP_ROUNDS = 10;
    private static final int MEASURED_ROUNDS = 5;
    /** What a round may allocate besides the leases: the allocated-bytes calls themselves, a little slack. */
    private static final long ROUND_SLACK_BYTES = 4096;

    @TempDir
    Path dir;

    private Jvm run(String name, String agentOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-Xmx256m",
                "-javaagent:" + Jvm.agentJar() + "=" + agentOptions,
                "-cp", Path.of("target/test-classes").toString(), "io.pagepool.itapp." + mainClass));
        command.addAll(List.of(args));
        Jvm app = Jvm.start(dir, name, command);
        assertEquals(0, app.waitFor(TIMEOUT), () -> app.out() + app.err());
        return app;
    }

    private Properties summary(Path file) throws Exception {
        Properties figures = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            figures.load(in);
        }
        return figures;
    }

    private long minBytesPerRound(String mode) throws Exception {
        Path file = dir.resolve(mode + ".summary");
        Jvm app = run(mode, "tune=off,summary=" + file, "SteadyStateMain", mode, Integer.toString(OPS_PER_ROUND),
                Integer.toString(WARM_UP_ROUNDS), Integer.toString(MEASURED_ROUNDS));
        Properties figures = summary(file);
        String released = mode.equals("scoped") ? "releasedScoped" : "releasedApi";
        long calls = (long) (WARM_UP_ROUNDS + MEASURED_ROUNDS) * OPS_PER_ROUND;
        assertEquals(calls, Long.parseLong(figures.getProperty(released)), figures::toString);
        assertEquals("0", figures.getProperty("servedByJdk"), figures::toString);
        return Long.parseLong(Jvm.field(app.out(), "RESULT", "minBytesPerRound"));
    }

    @Test
    void aScopedSiteAllocatesNoHeapInSteadyState() throws Exception {
        long bytes = minBytesPerRound("scoped");
        assertTrue(bytes <= ROUND_SLACK_BYTES, bytes + " B in " + OPS_PER_ROUND + " scoped allocations");
    }

    /** Two objects per tracked lease: the new root view (64 B) and its reference (32 B); the slice segment is kept. */
    @Test
    void aTrackedLeaseAllocatesItsViewAndItsReferenceOnly() throws Exception {
        long bytes = minBytesPerRound("tracked");
        assertTrue(bytes <= 96L * OPS_PER_ROUND + ROUND_SLACK_BYTES, bytes / OPS_PER_ROUND + " B per tracked lease");
    }

    /**
     * A planted wrong verdict (a {@code FileChannel} subclass that keeps the buffer, against A2)
     * still fails loudly with {@code scopeCheck=on}: the read after the scoped release throws.
     */
    @Test
    void scopeCheckStillCatchesAWrongVerdict() throws Exception {
        Path file = dir.resolve("checked.summary");
        Jvm app = run("checked", "tune=off,scopeCheck=on,summary=" + file, "WrongVerdictMain");
        assertEquals("42", Jvm.field(app.out(), "RESULT", "read"), app::out);
        assertEquals("IllegalStateException", Jvm.field(app.out(), "RESULT", "staleRead"), app::out);
        Properties figures = summary(file);
        assertEquals("1", figures.getProperty("scopedSites"), figures::toString);
        assertEquals("1", figures.getProperty("releasedScoped"), figures::toString);
    }
}
