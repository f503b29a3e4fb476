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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The agent jar on a JVM older than 25 (the machine's Java 17): {@code -javaagent} prints one
 * line and the application runs with its own exit code; {@code java -jar} prints one line and
 * exits 2. Skipped when no older JVM is installed, unless {@code PAGEPOOL_REQUIRE_OLD_JVM=1}.
 */
class OldJvmIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A main that any JVM from 8 on runs: prints a line and exits 3. */
    private static final String EXITS_THREE = """
            public class ExitsThree {
                public static void main(String[] args) {
                    System.out.println("main ran");
                    System.exit(3);
                }
            }
            """;

    private static Path oldJava;

    @TempDir
    Path dir;

    @BeforeAll
    static void findOldJvm() throws IOException {
        Optional<Path> found = olderJvm();
        if (found.isEmpty() && "1".equals(System.getenv("PAGEPOOL_REQUIRE_OLD_JVM"))) {
            fail("PAGEPOOL_REQUIRE_OLD_JVM=1 but no JVM older than 25 under /usr/lib/jvm");
        }
        Assumptions.assumeTrue(found.isPresent(), "no JVM older than 25 under /usr/lib/jvm");
        oldJava = found.get();
    }

    /** A JVM of feature version 8 to 24, from the {@code release} files of /usr/lib/jvm/*. */
    private static Optional<Path> olderJvm() throws IOException {
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");
        try (Stream<Path> homes = Files.list(root)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
                    continue;
                }
                Matcher m = version.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= 8 && Integer.parseInt(m.group(1)) < 25) {
                    return Optional.of(java);
                }
            }
        }
        return Optional.empty();
    }

    private Path compileExitsThree() throws IOException {
        Path source = dir.resolve("ExitsThree.java");
        Files.writeString(source, EXITS_THREE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "--release", "8", "-Xlint:-options", "-d", classes.toString(),
                source.toString()));
        return classes;
    }

    @Test
    void theApplicationRunsWithoutTheAgentAndKeepsItsExitCode() throws Exception {
        Path classes = compileExitsThree();
        Jvm app = Jvm.start(dir, "app", List.of(oldJava.toString(), "-javaagent:" + Jvm.agentJar() + "=cache=64",
                "-cp", classes.toString(), "ExitsThree"));
        assertEquals(3, app.waitFor(TIMEOUT), () -> app.out() + app.err());
        assertEquals("main ran", app.out().strip());
        List<String> lines = app.err().lines().toList();
        assertEquals(1, lines.size(), app.err());
        assertTrue(lines.get(0).matches("pagepool: the agent needs Java 25 or newer, this JVM is \\d[^ ]* \\(.*\\);"
                + " the application runs without the agent"), lines.get(0));
    }

    @Test
    void theCliSaysWhatItNeedsAndExitsTwo() throws Exception {
        Jvm cli = Jvm.start(dir, "cli", List.of(oldJava.toString(), "-jar", Jvm.agentJar().toString(), "options"));
        assertEquals(2, cli.waitFor(TIMEOUT), () -> cli.out() + cli.err());
        assertEquals("", cli.out());
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("pagepool: needs Java 25 or newer, this JVM is "), lines.get(0));
        assertFalse(cli.err().contains("UnsupportedClassVersionError"), cli.err());
    }
}
