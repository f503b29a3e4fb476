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
package io.pagepool.report;

import static io.pagepool.report.MiniJson.list;
import static io.pagepool.report.MiniJson.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.recorder.ChunkRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real JVM under recording killed with SIGKILL ({@link Process#destroyForcibly()}): its
 * recording file is empty, its chunks stay next to it, and the report reads them up to the last
 * flush before the kill, with one warning line.
 */
class CrashRecoveryTest {
    private static final long PAGES = 50_000;
    /** A JFR chunk header's size. */
    private static final int HEADER_BYTES = 68;
    private static Path dir;
    private static Path file;
    private static String poolName;

    @BeforeAll
    static void recordAndKill() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("pagepool-crash-test");
        file = dir.resolve("crashed.jfr");
        poolName = "crash-" + Long.toString(System.nanoTime(), 36);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashingRecorder.class.getName(), file.toString(), poolName,
                Long.toString(PAGES)).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("served " + PAGES, line, () -> "child: " + read(dir.resolve("stderr.txt")));
            Path chunk = awaitChunk();
            byte[] header = header(chunk);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int flushes = 0; flushes < 2; ) { // two flushes after the pages were served: their periods are in
                assertTrue(System.nanoTime() < deadline, "no JFR flush in 60 s: " + chunk);
                Thread.sleep(50);
                byte[] now = header(chunk);
                if (!Arrays.equals(now, header)) {
                    header = now;
                    flushes++;
                }
                assertTrue(p.isAlive(), "the child ended on its own");
            }
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }

    private static Path awaitChunk() throws IOException, InterruptedException {
        Path folder = ChunkRepository.chunkFolder(file);
        for (int i = 0; i < 600; i++) {
            List<Path> chunks = chunks(folder);
            if (!chunks.isEmpty() && Files.size(chunks.getLast()) >= HEADER_BYTES) {
                return chunks.getLast();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no chunk in " + folder);
    }

    private static List<Path> chunks(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(f -> f.toString().endsWith(".jfr")).sorted().toList();
        }
    }

    /** The fields a flush rewrites: chunk size, checkpoint and metadata positions, duration, state. */
    private static byte[] header(Path chunk) throws IOException {
        return Arrays.copyOfRange(Files.readAllBytes(chunk), 8, HEADER_BYTES);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Asserts the report of {@code r} has every page served and one warning; returns its recordings. */
    private static List<Object> assertRecovered(Reports r, String source) {
        assertEquals(0, r.exitCode(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "one warning line: " + r.err());
        assertTrue(lines[0].startsWith("pagepool report: warning: " + source + ": partial read: "), lines[0]);
        assertTrue(lines[0].contains("cut: ") && lines[0].contains("a chunk still being written"), lines[0]);
        Object root = MiniJson.parse(r.out());
        Map<String, Object> pool = list(root, "recordings").stream()
                .flatMap(s -> list(s, "pools").stream()).map(MiniJson::obj)
                .filter(p -> poolName.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + poolName + " in " + r.out()));
        assertEquals(PAGES, num(pool, "allocations", "pages"), "every page served before the kill");
        return list(root, "recordings");
    }

    @Test
    void theRecordingFileIsEmptyAndTheReportSaysWhereItsChunksAre() throws IOException {
        assertEquals(0, Files.exists(file) ? Files.size(file) : 0, "SIGKILL: JFR never wrote the file");
        Reports r = Reports.run(file.toString(), "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("is empty") && r.err().contains("report " + ChunkRepository.chunkFolder(file)),
                r.err());
    }

    @Test
    void theChunkFolderGivesTheEventsUpToTheLastFlush() {
        Path folder = ChunkRepository.chunkFolder(file);
        Reports r = Reports.run(folder.toString(), "--quiet", "--format", "json");
        String source;
        try {
            source = chunks(folder).getLast().getParent().toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, assertRecovered(r, source).size(), "one process folder, one recording");
    }

    @Test
    void theChunkBeingWrittenAloneGivesTheEventsUpToTheLastFlush() throws IOException {
        Path chunk = chunks(ChunkRepository.chunkFolder(file)).getLast();
        assertRecovered(Reports.run(chunk.toString(), "--quiet", "--format", "json"), chunk.toString());
    }
}
