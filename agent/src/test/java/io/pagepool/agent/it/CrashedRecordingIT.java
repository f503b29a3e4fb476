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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code jfr=FILE} keeps its chunks in {@code FILE.chunks/} (the README says so):
 * after SIGKILL, FILE is empty but {@code report FILE.chunks} gives the pool's events up to the
 * last flush, with one warning line, exit 0.
 */
class CrashedRecordingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Where a JFR chunk header keeps the chunk's size (big-endian long), rewritten at every flush. */
    private static final int CHUNK_SIZE_AT = 8;
    private static final int HEADER_BYTES = 68;

    @TempDir
    Path dir;

    @Test
    void aKilledJvmsRecordingIsReportedFromItsChunks() throws Exception {
        Path jfr = dir.resolve("echo.jfr");
        Path chunks = dir.resolve("echo.jfr.chunks");
        Jvm server = Jvm.start(dir, "server", Jvm.sample("tune=off,jfr=" + jfr, List.of(), "UdpEchoServer",
                "--port", "0", "--threads", "1", "--size", "2048", "--duration", "120"));
        try {
            server.awaitOut("UdpEchoServer listening on 127\\.0\\.0\\.1:(\\d+)", TIMEOUT);
            awaitFlushWithPoolEvents(chunks);
        } finally {
            server.kill();
            server.waitFor(TIMEOUT);
        }
        assertTrue(!Files.exists(jfr) || Files.size(jfr) == 0, "SIGKILL: JFR never wrote " + jfr);
        Process report = new ProcessBuilder(Jvm.JAVA.toString(), "-jar", Jvm.agentJar().toString(), "report",
                chunks.toString(), "--quiet").start();
        String out = new String(report.getInputStream().readAllBytes());
        String err = new String(report.getErrorStream().readAllBytes()).strip();
        assertEquals(0, report.waitFor(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("pagepool report: warning: ") && err.contains("partial read"), err);
        assertTrue(out.contains("pagepool-agent"), "the agent's pool is in the report: " + out);
    }

    /** Waits until the chunk being written was flushed twice, with the agent's pool events in by then. */
    private static void awaitFlushWithPoolEvents(Path chunks) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long seenSize = -1;
        int flushes = 0;
        while (flushes < 2) {
            assertTrue(System.nanoTime() < deadline, "no flushed chunk in " + chunks);
            Thread.sleep(50);
            List<Path> files = chunkFiles(chunks);
            if (files.isEmpty()) {
                continue;
            }
            long size = flushedSize(files.getLast());
            if (size > HEADER_BYTES && size != seenSize) {
                seenSize = size;
                flushes++;
            }
        }
    }

    private static List<Path> chunkFiles(Path chunks) throws IOException {
        if (!Files.isDirectory(chunks)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(chunks)) {
            return s.filter(f -> f.toString().endsWith(".jfr")).sorted().toList();
        }
    }

    private static long flushedSize(Path chunk) throws IOException {
        try (FileChannel ch = FileChannel.open(chunk)) {
            ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
            return ch.read(b, CHUNK_SIZE_AT) == Long.BYTES ? b.flip().getLong() : -1;
        }
    }
}
