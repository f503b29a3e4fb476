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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A forked JVM (this JDK) with its stdout and stderr in files, for the forked tests. */
final class Jvm {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Process process;
    private final Path out;
    private final Path err;

    private Jvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("pagepool.agent.jar", "target/pagepool-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "build the agent jar first (mvn package): " + jar);
        return jar;
    }

    static Path samplesJar() {
        Path jar = Path.of(System.getProperty("pagepool.samples.jar", "../samples/target/pagepool-samples.jar"));
        assertTrue(Files.isRegularFile(jar), "build the samples jar first: " + jar);
        return jar;
    }

    /** {@code java -javaagent:…=options} (none when options is null) running a sample's main. */
    static List<String> sample(String agentOptions, List<String> jvmFlags, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx512m"));
        command.addAll(jvmFlags);
        if (agentOptions != null) {
            command.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.addAll(List.of("-cp", samplesJar().toString(), "io.pagepool.samples." + mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static Jvm start(Path dir, String name, List<String> command) throws IOException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Jvm(p, out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for exit; fails the test when it takes longer than {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + timeout + "; stdout: " + out() + " stderr: " + err());
        }
        return process.exitValue();
    }

    /** Waits until stdout has a match of {@code regex} and returns its first group. */
    String awaitOut(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(out());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        fail("no '" + regex + "' in stdout; stdout: " + out() + " stderr: " + err());
        return null;
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    /** SIGTERM (shutdown hooks run: the samples print RESULT, the agent its summary), then waits. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return waitFor(timeout);
    }

    void kill() {
        process.destroyForcibly();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The value of {@code key=…} in the line starting with {@code prefix}. */
    static String field(String text, String prefix, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + ".*?\\b" + Pattern.quote(key)
                + "=(\\S+)").matcher(text);
        if (!m.find()) {
            fail("no " + key + "= in a line starting '" + prefix + "': " + text);
        }
        return m.group(1);
    }

    /** The number N in the agent's exit summary "served N buffers from the pool". */
    static long servedByPool(String stderr) {
        Matcher m = Pattern.compile("served (\\d+) buffers from the pool").matcher(stderr);
        if (!m.find()) {
            fail("no agent summary in stderr: " + stderr);
        }
        return Long.parseLong(m.group(1));
    }
}
