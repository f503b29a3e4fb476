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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-chunk recording (two real recordings back to back, as {@code jfr assemble} makes them)
 * cut short: every complete chunk is read, the cut is named in one warning line, exit 0; and
 * what holds nothing readable exits 2 with one line.
 */
class PartialRecordingTest {
    @TempDir
    Path dir;

    private static long rxPages(Reports r, String rx) {
        Object root = MiniJson.parse(r.out());
        return list(root, "recordings").stream().flatMap(s -> list(s, "pools").stream()).map(MiniJson::obj)
                .filter(p -> rx.equals(p.get("name"))).mapToLong(p -> num(p, "allocations", "pages")).sum();
    }

    private static String oneWarning(Reports r, Path file) {
        assertEquals(0, r.exitCode(), r::toString);
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "one warning line: " + r.err());
        assertTrue(lines[0].startsWith("pagepool report: warning: " + file + ": partial read: "), lines[0]);
        assertTrue(lines[0].contains("cut: "), lines[0]);
        return lines[0];
    }

    private Path twoChunks(String name, int cutBytes) throws IOException {
        ReportWorkload w = ReportWorkload.get();
        byte[] first = Files.readAllBytes(w.first);
        byte[] second = Files.readAllBytes(w.second);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return Files.write(dir.resolve(name), Arrays.copyOf(both, both.length - cutBytes));
    }

    @Test
    void twoWholeChunksAreReadWithoutAWarning() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        Path whole = twoChunks("whole.jfr", 0);
        Reports r = Reports.run(whole.toString(), "--quiet", "--format", "json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err());
        assertEquals(w.rxFirst.allocPages() + w.rxSecond.allocPages(), rxPages(r, w.rx));
        assertEquals(List.of(), list(list(MiniJson.parse(r.out()), "recordings").getFirst(), "cut"));
    }

    @Test
    void aCutInsideTheSecondChunksHeaderKeepsTheFirstChunk() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        long secondBytes = Files.size(w.second);
        Path cut = twoChunks("cut-header.jfr", (int) secondBytes - 40);
        Reports r = Reports.run(cut.toString(), "--quiet", "--format", "json");
        String warning = oneWarning(r, cut);
        assertTrue(warning.contains(String.format(Locale.ROOT, "the 40 bytes from offset %,d", Files.size(w.first))),
                warning);
        assertTrue(warning.contains("truncated chunk header"), warning);
        assertEquals(w.rxFirst.allocPages(), rxPages(r, w.rx), "all of the first chunk, nothing invented");
        List<Object> cutInJson = list(list(MiniJson.parse(r.out()), "recordings").getFirst(), "cut");
        assertEquals(1, cutInJson.size(), cutInJson::toString);
        assertTrue(warning.endsWith(cutInJson.getFirst().toString()), "JSON and warning agree: " + cutInJson);
    }

    @Test
    void aCutInTheMiddleOfTheSecondChunkKeepsTheFirstAndWhatIsCompleteOfTheSecond() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        Path cut = twoChunks("cut-middle.jfr", (int) Files.size(w.second) / 2);
        Reports r = Reports.run(cut.toString(), "--quiet", "--format", "json");
        String warning = oneWarning(r, cut);
        assertTrue(warning.contains("a truncated chunk"), warning);
        long pages = rxPages(r, w.rx);
        assertTrue(pages >= w.rxFirst.allocPages() && pages <= w.rxFirst.allocPages() + w.rxSecond.allocPages(),
                () -> pages + " pages");
        Reports text = Reports.run(cut.toString(), "--quiet");
        assertTrue(text.out().contains("Cut (not read)"), "the report itself says what was cut");
    }

    @Test
    void aFileCutInsideItsFirstChunkHeaderGivesNothingAndExits2() throws IOException {
        byte[] whole = Files.readAllBytes(ReportWorkload.get().first);
        Path cut = Files.write(dir.resolve("header.jfr"), Arrays.copyOf(whole, 50));
        Reports r = Reports.run(cut.toString(), "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("pagepool report: " + cut + ": nothing could be read"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aFolderWithoutChunksOrWithGarbageExits2WithOneLine() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Reports r = Reports.run(empty.toString(), "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("pagepool report: " + empty + ": is a folder without JFR chunk files"),
                r.err());
        Path garbage = Files.createDirectory(dir.resolve("garbage"));
        Path chunk = Files.writeString(garbage.resolve("2026_01_01_00_00_00.jfr"), "not a chunk");
        Reports g = Reports.run(garbage.toString(), "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, g.exitCode(), g::toString);
        assertEquals(1, g.err().strip().lines().count(), g.err());
        assertTrue(g.err().startsWith("pagepool report: " + chunk + ": is not a JFR recording"), g.err());
    }

    @Test
    void aFolderOfEmptyChunksExits2() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("empties"));
        Files.createFile(folder.resolve("2026_01_01_00_00_00.jfr"));
        Reports r = Reports.run(folder.toString(), "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("pagepool report: " + folder + ": nothing could be read"), r.err());
    }
}
