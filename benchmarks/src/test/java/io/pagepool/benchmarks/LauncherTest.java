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
package io.pagepool.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pagepool} launcher script (issue 13 item 10), run for real on a copy of the
 * repository's poms and main sources. Maven is replaced by a stand-in that logs each build and puts
 * the real agent and samples jars in place the way the jar plugin does: a jar whose content did
 * not change is left alone, mtime included (a nested real Maven would write into the very target
 * folders of the build running this test). Lives here because this module is built after the
 * agent jar it needs.
 */
class LauncherTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final List<String> JARS = List.of("agent/target/pagepool-agent.jar",
            "samples/target/pagepool-samples.jar");

    @TempDir
    Path dir;
    private Path root;
    private Path buildLog;

    @BeforeEach
    void copyRepository() throws IOException {
        root = dir.resolve("repo");
        Path launcher = root.resolve("pagepool");
        Files.createDirectories(root);
        Files.copy(REPOSITORY.resolve("pagepool"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        Files.copy(REPOSITORY.resolve("pom.xml"), root.resolve("pom.xml"));
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
                Path copy = root.resolve(module.getFileName().toString());
                Files.createDirectories(copy);
                Files.copy(module.resolve("pom.xml"), copy.resolve("pom.xml"));
                copyTree(module.resolve("src/main"), copy.resolve("src/main"));
            }
        }
        Path jars = Files.createDirectories(dir.resolve("jars"));
        for (String jar : JARS) {
            Files.copy(REPOSITORY.resolve(jar), jars.resolve(Path.of(jar).getFileName()));
        }
        buildLog = dir.resolve("builds.log");
        Files.createFile(buildLog);
        Path mvn = Files.createDirectories(dir.resolve("bin")).resolve("mvn");
        Files.writeString(mvn, """
                #!/usr/bin/env bash
                # stands in for Maven: logs the build; an absent jar appears, a present one is left alone
                echo "$*" >>"$STUB_BUILD_LOG"
                echo "$* MAVEN_OPTS=$MAVEN_OPTS" >>"$STUB_BUILD_LOG.args"
                for jar in %s; do
                  if [ ! -f "$STUB_ROOT/$jar" ]; then
                    mkdir -p "$(dirname "$STUB_ROOT/$jar")"
                    cp "$STUB_JARS/$(basename "$jar")" "$STUB_ROOT/$jar"
                  fi
                done
                """.formatted(String.join(" ", JARS)));
        assertTrue(mvn.toFile().setExecutable(true));
    }

    @Test
    void oneBuildAfterASourceChangeCuresTheLauncher() throws Exception {
        assertEquals(0, run("options").exit);
        assertEquals(1, builds(), "the first command builds the missing jars");
        assertEquals(0, run("options").exit);
        assertEquals(1, builds(), "fresh jars: no build");

        touch("pool/src/main/java/io/pagepool/pool/Page.java");
        assertEquals(0, run("options").exit);
        assertEquals(2, builds(), "a changed source rebuilds once");
        assertEquals(0, run("options").exit);
        assertEquals(2, builds(), "the second command after a change must not rebuild (the jar stayed as it was)");

        touch("recorder/pom.xml");
        assertEquals(0, run("build").exit);
        assertEquals(3, builds());
        assertEquals(0, run("options").exit);
        assertEquals(3, builds(), "after ./pagepool build, commands do not rebuild");
    }

    @Test
    void everyHelpPrintsHelpAndExitsZeroWithoutBuilding() throws Exception {
        for (String[] command : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"-h"},
                new String[] {"help", "test"}, new String[] {"test", "--help"}, new String[] {"build", "--help"},
                new String[] {"demo", "--help"}, new String[] {"bench", "--help"},
                new String[] {"bench", "tuner", "--help"}, new String[] {"bench", "startup", "--help"},
                new String[] {"test", "-h"})) {
            Result result = run(command);
            assertEquals(0, result.exit, String.join(" ", command) + ": " + result.output);
            assertTrue(result.output.contains("Usage"), String.join(" ", command) + ": " + result.output);
        }
        assertEquals(0, builds(), "help builds nothing");
        Result unknown = run("help", "no-such-command");
        assertEquals(2, unknown.exit, unknown.output);
    }

    @Test
    void mavenWritesNoColourCodesIntoPipedOutput() throws Exception {
        assertEquals(0, run("test", "-q").exit);
        assertEquals(0, run("build").exit);
        List<String> runs = Files.readAllLines(Path.of(buildLog + ".args"));
        assertEquals(2, runs.size(), runs.toString());
        for (String args : runs) {
            assertTrue(args.contains("-Dstyle.color=never"), "stdout is a pipe here: " + args);
            assertTrue(args.contains("-Djansi.noreset=true"), "Maven 3.8 writes ESC[0m first without it: " + args);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws Exception {
        Thread.sleep(20); // every step's files get a later mtime than the previous step's
        List<String> command = new ArrayList<>(List.of(root.resolve("pagepool").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("STUB_BUILD_LOG", buildLog.toString());
        builder.environment().put("STUB_ROOT", root.toString());
        builder.environment().put("STUB_JARS", dir.resolve("jars").toString());
        builder.environment().remove("MAVEN_ARGS");
        Processes.Result result = Processes.finish(Processes.start(builder, dir, "launcher"), dir, "launcher",
                Duration.ofMinutes(2));
        return new Result(result.exitCode(), result.stdout() + result.stderr());
    }

    private int builds() throws IOException {
        return Files.readAllLines(buildLog).size();
    }

    private void touch(String file) throws Exception {
        Thread.sleep(20);
        Files.setLastModifiedTime(root.resolve(file), FileTime.from(Instant.now()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
