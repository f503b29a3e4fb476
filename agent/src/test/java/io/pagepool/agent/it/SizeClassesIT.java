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

import io.pagepool.testkit.Processes;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Size classes in a forked JVM with the real {@code -javaagent} jar: every request up to
 * {@code maxSize} is served by the smallest class that fits (not waived), larger ones go to the
 * JDK as size waives, and each class has its own JFR statistics with its page size.
 */
class SizeClassesIT {
    private static final int[] POOLED = {1, 64, 1500, 2048, 4096, 4097, 9000, 16384, 65535, 65536};
    private static final int WAIVED = 65537;

    @TempDir
    Path dir;

    private Processes.Result run(String options, int... sizes) throws Exception {
        List<String> command = new ArrayList<>(List.of(Processes.jdkTool("java"), "-Xmx256m",
                "-javaagent:" + Jvm.agentJar().toAbsolutePath() + "=" + options,
                "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
                "example.sizes.SizeClassesMain"));
        for (int size : sizes) {
            command.add(Integer.toString(size));
        }
        Process p = Processes.start(command, dir, "app");
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "timed out");
        return new Processes.Result(p.exitValue(), Files.readString(dir.resolve("app.out")),
                Files.readString(dir.resolve("app.err")));
    }

    private Map<String, String> summary(Path file) throws Exception {
        Map<String, String> figures = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                figures.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return figures;
    }

    @Test
    void everySizeUpToTheLargestClassIsServedByTheSmallestClassThatFits() throws Exception {
        Path summaryFile = dir.resolve("summary.txt");
        Path jfr = dir.resolve("classes.jfr");
        int[] sizes = java.util.stream.IntStream.concat(java.util.Arrays.stream(POOLED),
                java.util.stream.IntStream.of(WAIVED)).toArray();
        Processes.Result r = run("tune=off,summary=" + summaryFile + ",jfr=" + jfr, sizes);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("RESULT ok"), r::toString);
        for (int size : POOLED) {
            int cls = Math.max(1024, Integer.highestOneBit(size - 1) << 1);
            assertTrue(r.stdout().contains("SIZE " + size + " pooled=true class=" + cls + "\n"), size + ": " + r);
        }
        assertTrue(r.stdout().contains("SIZE " + WAIVED + " pooled=false class=0\n"), r::toString);

        Map<String, String> s = summary(summaryFile);
        assertEquals("10", s.get("servedFromPool"), s::toString);
        assertEquals("1", s.get("jdkTooLarge"), "65537 is larger than the largest class");
        assertEquals("1", s.get("servedByJdk"));
        assertEquals("0", s.get("jdkBudget"));
        Map<String, String> perClass = Map.of("1k", "2", "2k", "2", "4k", "1", "8k", "1", "16k", "2", "32k", "0",
                "64k", "2");
        perClass.forEach((label, served) -> assertEquals(served, s.get("servedFromPool." + label), label));
        assertTrue(r.stderr().contains("pagepool: size classes: 1k 2 served"), r::stderr);
        assertTrue(r.stderr().contains("larger than 64k: 1 to the JDK (too large)"), r::stderr);
        assertTrue(r.stderr().contains("idle: 32k"), r::stderr);

        Map<String, Long> allocated = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("io.pagepool.PoolStatistics")) {
                String pool = e.getString("poolName");
                String label = pool.substring(pool.lastIndexOf('-') + 1);
                int bytes = Integer.parseInt(label.substring(0, label.length() - 1)) << 10;
                assertEquals(bytes, e.getLong("pageSize"), "the event of " + pool + " carries its page size");
                allocated.merge(pool, e.getLong("allocPages"), Long::sum);
            }
        }
        perClass.forEach((label, served) -> assertEquals(Long.parseLong(served),
                allocated.getOrDefault("pagepool-agent-" + label, -1L), "PoolStatistics of class " + label));
    }

    @Test
    void pageSizeKeepsOneClassOfThatSize() throws Exception {
        Path summaryFile = dir.resolve("single.txt");
        Processes.Result r = run("tune=off,pageSize=4096,summary=" + summaryFile, 64, 4096, 4097);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("SIZE 64 pooled=true class=4096\n"), r::toString);
        assertTrue(r.stdout().contains("SIZE 4097 pooled=false class=0\n"), r::toString);
        Map<String, String> s = summary(summaryFile);
        assertEquals("2", s.get("servedFromPool.4k"), s::toString);
        assertEquals("1", s.get("jdkTooLarge"), s::toString);
    }

    @Test
    void badSizeClassesAreReportedAndTheApplicationRunsWithoutTheAgent() throws Exception {
        Processes.Result r = run("minSize=64k,maxSize=4k", 100);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("pagepool: bad agent option: bad value minSize=64k: larger than maxSize=4k"),
                r::stderr);
        assertTrue(r.stdout().contains("SIZE 100 pooled=false"), r::toString);
    }
}
