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
package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jfr= file: probed at start, checked whole at the end, one line when it is not. */
class OutputCheckTest {
    @TempDir
    Path dir;

    @Test
    void unwritablePlacesAreNamedAndAWritableOneIsLeftAsItWas() throws Exception {
        assertEquals("no such folder: " + dir.resolve("missing"),
                OutputCheck.whyNotWritable(dir.resolve("missing/app.jfr")));
        assertEquals("it is a folder", OutputCheck.whyNotWritable(dir));
        assertEquals("No space left on device", OutputCheck.whyNotWritable(Path.of("/dev/full")));
        Path fresh = dir.resolve("app.jfr");
        assertNull(OutputCheck.whyNotWritable(fresh));
        assertFalse(Files.exists(fresh), "the probe leaves no file behind");
        Files.writeString(fresh, "kept");
        assertNull(OutputCheck.whyNotWritable(fresh));
        assertEquals("kept", Files.readString(fresh));
    }

    @Test
    void aWholeRecordingPassesAndACutOneDoesNot() throws Exception {
        Path file = dir.resolve("whole.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.CPULoad");
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        assertNull(OutputCheck.incomplete(file));
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(OutputCheck.incomplete(cut).startsWith("the chunk at byte 0 is cut or damaged"),
                OutputCheck.incomplete(cut));
        assertEquals("the file is empty", OutputCheck.incomplete(Files.write(dir.resolve("empty.jfr"), new byte[0])));
    }

    @Test
    void aRecordingWhoseFileIsNotWrittenAtTheEndGetsOneLine() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("gone"));
        Path destination = folder.resolve("app.jfr");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputCheck.watch(destination, new AgentLog(AgentOptions.LogLevel.QUIET,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        try (Recording recording = new Recording()) {
            recording.enable("jdk.CPULoad");
            recording.setDestination(destination);
            recording.start();
            Files.delete(destination); // the place vanishes during the run
            Files.delete(folder);
            recording.stop();
        } catch (Exception expected) {
            assertNotNull(expected); // JFR may or may not throw; the line below must be there either way
        }
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("pagepool: jfr=" + destination + " was not written completely: the file is missing"),
                line);
        assertEquals(1, line.lines().count(), line);
    }
}
