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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable input: exit code 2 and one line on stderr that names the file and the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Reports r, String file, String problem) {
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals("", r.out(), "nothing on stdout");
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "one line on stderr: " + r.err());
        assertTrue(lines[0].startsWith("pagepool report: " + file + ": "), lines[0]);
        assertTrue(lines[0].contains(problem), lines[0]);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), "no stack trace: " + r.err());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.jfr");
        assertOneLine(Reports.run(missing.toString()), missing.toString(), "no such file");
    }

    @Test
    void aFileThatIsNotARecordingIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "this is not a flight recording\n");
        assertOneLine(Reports.run(text.toString()), text.toString(), "is not a JFR recording");
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertOneLine(Reports.run(empty.toString()), empty.toString(), "is empty");
    }

    /**
     * A recording cut short: exit 2 with one line when nothing complete is left; else (it depends
     * on where the JVM flushed) exit 0 with the report of what is complete and one warning line
     * naming the file and the cut ({@link PartialRecordingTest} has the exact cases).
     */
    @Test
    void aTruncatedRecordingIsNamed() throws IOException {
        byte[] whole = Files.readAllBytes(ReportWorkload.get().first);
        for (int cut : new int[] {whole.length / 2, 100, whole.length - 1}) {
            Path truncated = Files.write(dir.resolve("truncated-" + cut + ".jfr"), Arrays.copyOf(whole, cut));
            Reports r = Reports.run(truncated.toString());
            if (cut == 100 || r.exitCode() != 0) {
                assertOneLine(r, truncated.toString(), "truncated");
            } else {
                String[] lines = r.err().strip().split("\\R");
                assertEquals(1, lines.length, () -> "one warning line: " + r.err());
                assertTrue(lines[0].startsWith("pagepool report: warning: " + truncated + ": partial read"), lines[0]);
                assertTrue(lines[0].contains("truncated"), lines[0]);
                assertTrue(r.out().contains("Cut (not read)"), r.out());
            }
        }
    }

    @Test
    void aRecordingWithoutPagepoolEventsIsNamed() {
        Path none = ReportWorkload.get().noPagepool;
        assertOneLine(Reports.run(none.toString()), none.toString(), "has no pagepool events");
    }

    @Test
    void aBadFileAmongGoodOnesStillFailsWithItsName() {
        ReportWorkload w = ReportWorkload.get();
        Path missing = dir.resolve("gone.jfr");
        assertOneLine(Reports.run(w.first.toString(), missing.toString()), missing.toString(), "no such file");
    }

    @Test
    void anUnwritableOutputIsNamed() {
        Path out = dir.resolve("no-such-dir").resolve("report.txt");
        assertOneLine(Reports.run(ReportWorkload.get().first.toString(), "--quiet", "--output", out.toString()),
                out.toString(), "cannot write the report");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Reports r = Reports.run(ReportWorkload.get().first.toString(), "--format", "pdf");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("'pdf' is not a format"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
