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
package io.pagepool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping fallbacks, each in a JVM of its own running {@link ForkedPoolMain}: without
 * {@code --enable-native-access} PINNED and HUGEPAGE fall back to PREFAULT with one line of
 * pagepool's own that names the flag and no JDK warning; with native access but an mlock the
 * kernel refuses (an unprivileged user with RLIMIT_MEMLOCK 0), PINNED falls back with one line
 * naming mlock and RLIMIT_MEMLOCK. The forked JVM is the running one
 * ({@code ProcessHandle.current().info().command()}) with this JVM's class path.
 */
@Timeout(120)
class MappingFallbackTest {
    private static final String FLAG = "--enable-native-access=ALL-UNNAMED";

    @TempDir
    Path tmp;

    private record Run(int exitCode, List<String> stdout, List<String> stderr) {
        Map<String, String> values() {
            Map<String, String> values = new HashMap<>();
            for (String line : stdout) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return values;
        }

        List<String> pagepoolLines() {
            return stderr.stream().filter(line -> line.startsWith("pagepool:")).toList();
        }

        List<String> jdkWarnings() {
            return stderr.stream().filter(line -> line.contains("WARNING")).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n  " + String.join("\n  ", stdout) + "\nstderr:\n  "
                    + String.join("\n  ", stderr);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // options from the environment would add "Picked up ..." lines to stderr
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the forked JVM did not finish: " + command);
        }
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static List<String> javaCommand(boolean nativeAccess, String classPath, String mapping) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        if (nativeAccess) {
            command.add(FLAG);
        }
        command.addAll(List.of("-Xmx64m", "-XX:-UsePerfData", "-cp", classPath, ForkedPoolMain.class.getName(),
                mapping));
        return command;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PINNED", "HUGEPAGE"})
    void withoutNativeAccessANativeModeFallsBackWithOneLineNamingTheFlagAndNoJdkWarning(String mapping)
            throws Exception {
        Run run = run(javaCommand(false, System.getProperty("java.class.path"), mapping));
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> values = run.values();
        assertEquals("false", values.get("nativeAccess"), run::toString);
        assertEquals("false", values.get("usesMmap"), "slabs come from an arena: " + run);
        assertEquals("true", values.get("ok"), run::toString);
        assertEquals("0", values.get("inflight"), run::toString);
        long slabs = Long.parseLong(values.get("slabsMapped"));
        assertTrue(slabs >= 3, run::toString);
        assertEquals(slabs, Long.parseLong(values.get("mappingFallbacks")), "every slab fell back: " + run);
        assertTrue(Arrays.stream(values.get("applied").split(",")).allMatch("PREFAULT"::equals), run::toString);

        List<String> ours = run.pagepoolLines();
        assertEquals(1, ours.size(), () -> "exactly one line from pagepool: " + run);
        assertTrue(ours.getFirst().contains(FLAG), () -> "it names the flag: " + run);
        assertTrue(ours.getFirst().contains(mapping), () -> "it names the mode: " + run);
        assertEquals(List.of(), run.jdkWarnings(), () -> "no JDK warning: " + run);
        assertEquals(ours, run.stderr(), () -> "nothing else on stderr: " + run);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PREFAULT", "PLAIN"})
    void withoutNativeAccessTheModesThatNeedNoNativeCallRunSilently(String mapping) throws Exception {
        Run run = run(javaCommand(false, System.getProperty("java.class.path"), mapping));
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> values = run.values();
        assertEquals("true", values.get("ok"), run::toString);
        assertEquals("0", values.get("mappingFallbacks"), run::toString);
        assertEquals(List.of(), run.stderr(), () -> "nothing on stderr: " + run);
    }

    @Test
    void whenTheKernelRefusesMlockPinnedFallsBackToPrefaultWithOneLineNamingRlimitMemlock() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "mlock and RLIMIT_MEMLOCK are Linux-specific");
        assumeTrue(isRoot(), "needs root to run the JVM as an unprivileged user (as root mlock ignores "
                + "RLIMIT_MEMLOCK, so the refusal can only be seen as another user)");
        String setpriv = onPath("setpriv");
        String prlimit = onPath("prlimit");
        assumeTrue(setpriv != null && prlimit != null, "needs setpriv and prlimit (util-linux) on PATH");
        assumeTrue(PagePool.class.getModule().isNativeAccessEnabled(),
                "this JVM has no native access, so the forked one would not reach mlock either");

        // only the class directories the forked main needs; they must be readable by nobody (65534)
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && (Files.exists(path.resolve("io/pagepool/pool/PagePool.class"))
                    || Files.exists(path.resolve("io/pagepool/pool/ForkedPoolMain.class")))) {
                entries.add(path.toAbsolutePath().toString());
            }
        }
        assumeTrue(entries.size() == 2, "expected the main and test class directories on the class path: "
                + System.getProperty("java.class.path"));
        List<String> probe = new ArrayList<>(List.of(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                "sh", "-c", "for f do [ -r \"$f\" ] || exit 1; done", "sh", javaBinary()));
        for (String entry : entries) {
            probe.add(entry);
            probe.add(entry + "/io/pagepool/pool/" + (entry.contains("test-classes") ? "ForkedPoolMain.class"
                    : "PagePool.class"));
        }
        Run readable = run(probe);
        assumeTrue(readable.exitCode() == 0, "the JDK and the class directories " + entries
                + " must be readable by user 65534: " + readable);

        String classPath = String.join(File.pathSeparator, entries);
        List<String> command = new ArrayList<>(List.of(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                prlimit, "--memlock=0:0"));
        command.addAll(javaCommand(true, classPath, "PINNED"));
        Run run = run(command);
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> values = run.values();
        assertEquals("true", values.get("nativeAccess"), run::toString);
        assertEquals("true", values.get("usesMmap"), "slabs come from mmap: " + run);
        assertEquals("true", values.get("ok"), "the pool still works: " + run);
        long slabs = Long.parseLong(values.get("slabsMapped"));
        assertTrue(slabs >= 3, run::toString);
        assertEquals(slabs, Long.parseLong(values.get("mappingFallbacks")), "every slab fell back: " + run);
        assertTrue(Arrays.stream(values.get("applied").split(",")).allMatch("PREFAULT"::equals),
                "PREFAULT applied instead: " + run);

        List<String> ours = run.pagepoolLines();
        assertEquals(1, ours.size(), () -> "exactly one line from pagepool: " + run);
        assertTrue(ours.getFirst().contains("mlock"), () -> "it names mlock: " + run);
        assertTrue(ours.getFirst().contains("RLIMIT_MEMLOCK"), () -> "it names RLIMIT_MEMLOCK: " + run);
        assertEquals(List.of(), run.jdkWarnings(), () -> "no JDK warning: " + run);
    }

    private static boolean isRoot() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[2].equals("0"); // effective uid
            }
        }
        return false;
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
