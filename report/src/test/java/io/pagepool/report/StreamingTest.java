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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The reader counts every event once, and tells how far it got when reading takes a while. */
class StreamingTest {

    @Test
    void everyEventIsReadOnceAndProgressGoesToStderr() throws Exception {
        ReportWorkload w = ReportWorkload.get();
        long expected;
        try (RecordingFile f = new RecordingFile(w.first)) {
            long n = 0;
            while (f.hasMoreEvents()) {
                f.readEvent();
                n++;
            }
            expected = n;
        }
        StringWriter err = new StringWriter();
        RecordingSummary s;
        try (PrintWriter pw = new PrintWriter(err)) {
            s = new RecordingScanner(pw, pw, 0).scan(w.first); // report progress at every look at the clock
        }
        assertEquals(expected, s.events);
        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.size() >= 2, err::toString);
        assertTrue(lines.getFirst().startsWith("pagepool report: reading " + w.first + ": "), lines.getFirst());
        assertEquals("pagepool report: read " + w.first + ": " + Units.count(expected) + " events in",
                lines.getLast().substring(0, lines.getLast().lastIndexOf(' ', lines.getLast().length() - 3)));
    }

    @Test
    void aQuickReadSaysNothing() throws Exception {
        StringWriter err = new StringWriter();
        try (PrintWriter pw = new PrintWriter(err)) {
            new RecordingScanner(pw, pw).scan(ReportWorkload.get().second);
        }
        assertEquals("", err.toString());
    }
}
