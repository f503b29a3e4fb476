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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format collapsed} as a third-party tool reads it: async-profiler's converter
 * ({@code tools.profiler:jfr-converter}, from Maven Central) turns the report's collapsed stacks
 * into its own HTML flame graph, and that flame graph back into collapsed stacks, which are the
 * report's, stack for stack and count for count.
 */
class CollapsedStacksReaderTest {
    @TempDir
    Path dir;

    @Test
    void asyncProfilersConverterReadsTheCollapsedStacksWithoutLosingAStackOrASample() throws Exception {
        SiteWorkload w = SiteWorkload.get();
        Path collapsed = dir.resolve("sites.collapsed");
        Reports r = Reports.run(w.file.toString(), "--format", "collapsed", "--output", collapsed.toString(),
                "--quiet");
        assertEquals(0, r.exitCode(), r::err);

        Path html = dir.resolve("sites.html"); // its frame names are prefix-compressed: read back below
        convert(collapsed, html);
        assertTrue(Files.readString(html).contains("<canvas"), "the converter's own flame graph page");

        Path back = dir.resolve("back.collapsed");
        convert(html, back);
        Map<String, Long> ours = stacks(Files.readAllLines(collapsed));
        assertEquals(w.samples, ours.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(ours, stacks(Files.readAllLines(back)), "the same stacks and counts after the round trip");
        assertTrue(ours.keySet().stream().anyMatch(s -> s.endsWith(";" + SiteWorkload.CLASS + ".receiveAndTransmit")),
                "the allocating method among them");
    }

    /** Runs the converter's main ({@code Main IN OUT}, format by extension) in a JVM of its own. */
    private void convert(Path in, Path out) throws IOException, InterruptedException, URISyntaxException,
            ClassNotFoundException {
        Path jar = Path.of(Class.forName("one.convert.Arguments").getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path log = dir.resolve(out.getFileName() + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), "Main", in.toString(), out.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the converter did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "the converter failed: " + read(log));
        assertTrue(Files.size(out) > 0, () -> "the converter wrote nothing: " + read(log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Map<String, Long> stacks(List<String> lines) {
        Map<String, Long> m = new TreeMap<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                int space = line.lastIndexOf(' ');
                m.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
            }
        }
        return m;
    }
}
