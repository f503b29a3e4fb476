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
package io.pagepool.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.testkit.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * A recording holds the statistics of exactly its own span: everything up to its end (the JVM's
 * exit, its stop, a {@code jcmd JFR.dump}) and nothing from before its start. Real forked JVMs
 * ({@link ForkedRecorderMain}'s {@code steps}) allocate and release pages through a registered
 * pool on one thread, so the expected sums are exact; the files are read back with the JDK's
 * {@code RecordingFile} and with JMC's parser.
 */
@Timeout(120)
class RecordingSpanTest {
    private static final String POOL = ForkedRecorderMain.POOL_NAME;

    @TempDir
    Path tmp;

    private Processes.Result steps(String name, String... steps) throws Exception {
        List<String> args = new ArrayList<>(List.of("steps"));
        args.addAll(List.of(steps));
        Processes.Result result = Processes.run(Processes.java(List.of(), ForkedRecorderMain.class.getName(),
                args.toArray(String[]::new)), tmp, name, Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    private static long allocPages(Path file) {
        return TestRecordings.sum(TestRecordings.events(file, EventNames.POOL_STATISTICS, POOL), "allocPages");
    }

    @ParameterizedTest(name = "{0} pages")
    @ValueSource(longs = {1_000, 100_000, 10_000_000})
    void aRecordingThatEndsWithTheJvmHoldsEveryAllocation(long pages) throws Exception {
        Path file = tmp.resolve("exit-" + pages + ".jfr");
        Processes.Result result = steps("exit-" + pages, "register", "start=r=" + file, "alloc=" + pages);
        assertTrue(result.stdout().contains("allocPages=" + pages), result::toString);
        List<RecordedEvent> stats = TestRecordings.events(file, EventNames.POOL_STATISTICS, POOL);
        assertEquals(pages, TestRecordings.sum(stats, "allocPages"), "JDK parser: " + stats.size() + " events");
        assertEquals(pages, TestRecordings.sum(stats, "releasePages"));
        assertEquals(pages, jmcSum(file, "allocPages"), "JMC parser");
        assertEquals(TestRecordings.sum(stats, "allocFast"),
                TestRecordings.sum(TestRecordings.events(file, EventNames.CACHE_STATISTICS, POOL), "hits"),
                "the thread cache's hits add up to the pool's fast allocations");
    }

    @Test
    void aRecordingStoppedWhileTheJvmRunsHoldsItsLastPeriodAndNothingAfter() throws Exception {
        Path file = tmp.resolve("stopped.jfr");
        steps("stopped", "register", "start=r=" + file, "alloc=50000", "stop=r", "alloc=7000");
        assertEquals(50_000, allocPages(file));
        assertEquals(50_000, jmcSum(file, "allocPages"));
    }

    @Test
    void aRecordingStartedMidRunHoldsOnlyWhatHappenedAfterItsStart() throws Exception {
        Path file = tmp.resolve("mid-run.jfr");
        steps("mid-run", "register", "alloc=40000", "start=r=" + file, "alloc=3000", "period", "alloc=2000");
        List<RecordedEvent> stats = TestRecordings.events(file, EventNames.POOL_STATISTICS, POOL);
        assertTrue(stats.getFirst().getLong("allocPages") <= 3000, () -> "the first period: " + stats.getFirst());
        assertEquals(5000, TestRecordings.sum(stats, "allocPages"));
    }

    @Test
    void twoConcurrentRecordingsEachHoldTheirOwnSpan() throws Exception {
        Path outer = tmp.resolve("outer.jfr");
        Path inner = tmp.resolve("inner.jfr");
        steps("concurrent", "register", "start=outer=" + outer, "alloc=1000", "start=inner=" + inner,
                "alloc=20000", "stop=inner", "alloc=300");
        assertEquals(20_000, allocPages(inner));
        assertEquals(21_300, allocPages(outer));
    }

    @Test
    void aDumpOfALiveRecordingHoldsEverythingUpToTheDump() throws Exception {
        Path file = tmp.resolve("live.jfr");
        Path dump = tmp.resolve("dump.jfr");
        Process process = Processes.start(Processes.java(List.of(), ForkedRecorderMain.class.getName(), "steps",
                "register", "start=live=" + file, "hourly=live", "alloc=12345", "ready", "alloc=100"), tmp, "dump");
        awaitReady(process, "dump", 1);
        jcmd(process, "JFR.dump", "name=live", "filename=" + dump);
        go(process);
        assertEquals(0, Processes.finish(process, tmp, "dump", Duration.ofSeconds(60)).exitCode());
        assertEquals(12_345, allocPages(dump));
        assertEquals(12_445, allocPages(file));
    }

    @Test
    void jfrStartOnALiveJvmDoesNotCountWhatCameBefore() throws Exception {
        Path file = tmp.resolve("jcmd.jfr");
        Path jfc = Recorder.writeJfc(tmp.resolve("pagepool.jfc"));
        Process process = Processes.start(Processes.java(List.of(), ForkedRecorderMain.class.getName(), "steps",
                "register", "alloc=40000", "ready", "alloc=3000", "ready"), tmp, "jcmd");
        awaitReady(process, "jcmd", 1);
        jcmd(process, "JFR.start", "name=late", "settings=" + jfc, "filename=" + file);
        go(process);
        awaitReady(process, "jcmd", 2);
        jcmd(process, "JFR.stop", "name=late");
        go(process);
        assertEquals(0, Processes.finish(process, tmp, "jcmd", Duration.ofSeconds(60)).exitCode());
        assertEquals(3000, allocPages(file));
    }

    @Test
    void cachesReclaimedBetweenTwoPeriodsKeepTheirFigures() throws Exception {
        Path file = tmp.resolve("reclaimed.jfr");
        // four threads allocate and end; the main thread's first allocation reclaims their caches
        steps("reclaimed", "register", "start=r=" + file, "threads=4=5000", "alloc=10");
        List<RecordedEvent> caches = TestRecordings.events(file, EventNames.CACHE_STATISTICS, POOL);
        List<RecordedEvent> stats = TestRecordings.events(file, EventNames.POOL_STATISTICS, POOL);
        assertEquals(20_010, TestRecordings.sum(stats, "allocPages"));
        assertEquals(TestRecordings.sum(stats, "allocFast"), TestRecordings.sum(caches, "hits"), caches::toString);
        assertEquals(TestRecordings.sum(stats, "recycleCached"), TestRecordings.sum(caches, "releases"));
    }

    private void awaitReady(Process process, String name, int times) throws Exception {
        assertTrue(TestRecordings.await(Duration.ofSeconds(60), () -> !process.isAlive() || readyLines(name) >= times),
                () -> name + " printed READY " + times + " time(s)");
        assertTrue(process.isAlive(), () -> name + " died: " + output(name));
    }

    private long readyLines(String name) {
        return output(name).lines().filter("READY"::equals).count();
    }

    private String output(String name) {
        try {
            return Processes.stdout(tmp, name) + Files.readString(tmp.resolve(name + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void go(Process process) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private void jcmd(Process process, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Processes.jdkTool("jcmd"), Long.toString(process.pid())));
        args.addAll(List.of(command));
        Processes.Result r = Processes.run(args, tmp, "jcmd-" + command[0], Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r::toString);
    }

    /** The sum of a PoolStatistics field of the forked pool, read by JMC's parser. */
    private static long jmcSum(Path file, String field) throws Exception {
        long sum = 0;
        for (IItemIterable iterable : JfrLoaderToolkit.loadEvents(file.toFile())
                .apply(ItemFilters.type(EventNames.POOL_STATISTICS))) {
            IAccessorKey<?> poolKey = null;
            IAccessorKey<?> valueKey = null;
            for (IAccessorKey<?> k : iterable.getType().getAccessorKeys().keySet()) {
                if (k.getIdentifier().equals("poolName")) {
                    poolKey = k;
                } else if (k.getIdentifier().equals(field)) {
                    valueKey = k;
                }
            }
            IMemberAccessor<?, IItem> pool = iterable.getType().getAccessor(poolKey);
            IMemberAccessor<?, IItem> value = iterable.getType().getAccessor(valueKey);
            for (IItem item : iterable) {
                if (POOL.equals(pool.getMember(item))) {
                    Object v = value.getMember(item);
                    sum += v instanceof IQuantity q ? q.longValue() : ((Number) v).longValue();
                }
            }
        }
        return sum;
    }
}
