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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar pagepool-agent.jar jfc}: the shipped pagepool.jfc, to a file or stdout, never over a file. */
class JfcCommandIT {
    @TempDir
    Path dir;

    private Jvm jfc(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-jar", Jvm.agentJar().toString(), "jfc"));
        command.addAll(List.of(args));
        Jvm jvm = Jvm.start(dir, name, command);
        jvm.waitFor(Duration.ofMinutes(1));
        return jvm;
    }

    private static void assertPagepoolJfc(Path file) throws Exception {
        Configuration configuration = Configuration.create(file);
        assertTrue(configuration.getSettings().keySet().stream()
                .anyMatch(k -> k.startsWith("io.pagepool.PoolStatistics#")), configuration.getSettings().toString());
        assertEquals("true", configuration.getSettings().get("io.pagepool.PoolStatistics#enabled"));
    }

    @Test
    void writesAValidConfigurationToAFileAndRefusesToOverwriteIt() throws Exception {
        Path file = dir.resolve("settings").resolve("pagepool.jfc");
        Files.createDirectories(file.getParent());
        Jvm first = jfc("first", "--output", file.toString());
        assertEquals(0, first.waitFor(Duration.ofSeconds(1)), first.err());
        assertEquals(1, first.out().lines().count(), first.out());
        assertTrue(first.out().startsWith("pagepool jfc: wrote " + file), first.out());
        assertEquals("", first.err());
        assertPagepoolJfc(file);

        Files.writeString(file, "mine");
        Jvm refused = jfc("refused", "--output", file.toString());
        assertEquals(2, refused.waitFor(Duration.ofSeconds(1)), refused.out() + refused.err());
        assertEquals(List.of("pagepool jfc: " + file + " exists; --force overwrites it"),
                refused.err().lines().toList());
        assertEquals("", refused.out());
        assertEquals("mine", Files.readString(file), "an existing file is left alone");

        Jvm forced = jfc("forced", "--output", file.toString(), "--force");
        assertEquals(0, forced.waitFor(Duration.ofSeconds(1)), forced.err());
        assertPagepoolJfc(file);
    }

    @Test
    void writesToStdoutWithoutOutput() throws Exception {
        Jvm jvm = jfc("stdout");
        assertEquals(0, jvm.waitFor(Duration.ofSeconds(1)), jvm.err());
        assertEquals("", jvm.err());
        Path printed = dir.resolve("stdout.jfc");
        Files.writeString(printed, jvm.out());
        assertPagepoolJfc(printed);
    }
}
