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
package io.pagepool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's tools and forked JVMs of the running JDK, and scripts, with their output
 * captured to files {@code NAME.out} and {@code NAME.err} in a folder (a test's temporary folder).
 */
public final class Processes {
    /**
     * How a process ended.
     *
     * @param exitCode its exit code
     * @param stdout everything it wrote to standard output
     * @param stderr everything it wrote to standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Processes() {
    }

    /**
     * A tool of the running JDK.
     *
     * @param name the tool, such as {@code jfr} or {@code jcmd}
     * @return {@code $java.home/bin/NAME}
     */
    public static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * The command that starts a JVM like this one: same JDK and class path, native access, 256 MiB
     * of heap.
     *
     * @param jvmOptions options before the main class
     * @param mainClass the class to run
     * @param args its arguments
     * @return the command
     */
    public static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(jdkTool("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts {@code command} in {@code dir}, output to {@code dir/NAME.out} and {@code .err}.
     *
     * @param command the command
     * @param dir its working folder and where its output goes
     * @param name names the output files
     * @return the running process
     * @throws IOException if it cannot start
     */
    public static Process start(List<String> command, Path dir, String name) throws IOException {
        return start(new ProcessBuilder(command), dir, name);
    }

    /**
     * Starts a prepared {@code builder} (its environment set) in {@code dir}, output to
     * {@code dir/NAME.out} and {@code .err}.
     *
     * @param builder the process to start
     * @param dir its working folder and where its output goes
     * @param name names the output files
     * @return the running process
     * @throws IOException if it cannot start
     */
    public static Process start(ProcessBuilder builder, Path dir, String name) throws IOException {
        return builder.directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    /**
     * Waits for a process started by {@link #start}; kills it and throws if it outlives
     * {@code timeout}.
     *
     * @param process the process
     * @param dir the folder of its output
     * @param name the name of its output files
     * @param timeout how long it may take
     * @return how it ended
     * @throws Exception if interrupted or the output cannot be read
     * @throws AssertionError if it did not finish in time (with its output so far)
     */
    public static Result finish(Process process, Path dir, String name, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not finish in " + timeout + ":\n" + read(dir, name, -1));
        }
        return read(dir, name, process.exitValue());
    }

    /**
     * Runs {@code command} to its end.
     *
     * @param command the command
     * @param dir its working folder and where its output goes
     * @param name names the output files
     * @param timeout how long it may take
     * @return how it ended
     * @throws Exception if it cannot start, is interrupted, or its output cannot be read
     */
    public static Result run(List<String> command, Path dir, String name, Duration timeout) throws Exception {
        return finish(start(command, dir, name), dir, name, timeout);
    }

    /**
     * What a process wrote to standard output so far.
     *
     * @param dir the folder of its output
     * @param name the name of its output files
     * @return the text
     * @throws IOException if it cannot be read
     */
    public static String stdout(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private static Result read(Path dir, String name, int exit) throws IOException {
        return new Result(exit, stdout(dir, name),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }
}
