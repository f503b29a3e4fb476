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
package io.pagepool.realworld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target's server in its own JVM (this JDK), without or with {@code -javaagent:}, its stdout and
 * stderr in files. It serves until {@link #stop} closes its standard input. Threading: one thread.
 */
public final class ServerProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RESULT_FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Process process;
    private final Path out;
    private final Path err;

    private ServerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code target}'s server.
     *
     * @param target what to run
     * @param classpath the targets' runtime classpath
     * @param agentJar the agent jar, or null for the JDK alone
     * @param agentOptions the agent's options ({@code -javaagent:JAR=OPTIONS}), or null or empty for none
     * @param dir where its stdout ({@code NAME.out}) and stderr ({@code NAME.err}) go
     * @param name the files' base name
     * @return the running server
     * @throws IOException when the JVM cannot be started
     */
    public static ServerProcess start(Target target, String classpath, Path agentJar, String agentOptions, Path dir,
            String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(target.jvmFlags());
        if (agentJar != null) {
            command.add("-javaagent:" + agentJar + (agentOptions == null || agentOptions.isEmpty() ? ""
                    : "=" + agentOptions));
        }
        command.addAll(List.of("-cp", classpath, target.mainClass(), "--max-seconds", "300"));
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ServerProcess(p, out, err);
    }

    /**
     * Waits until the server prints its port.
     *
     * @param timeoutMillis how long to wait
     * @return the port on 127.0.0.1
     * @throws IOException when the server exits or stays silent
     * @throws InterruptedException when interrupted
     */
    public int awaitPort(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(out());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IOException("server did not announce its port; stdout: " + out() + " stderr: " + err());
    }

    /** User plus system CPU time of the server so far in nanoseconds (from /proc), or -1 when unreadable. */
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Closes the server's standard input (its stop signal) and waits for it to exit.
     *
     * @param timeoutMillis how long to wait before killing it
     * @return its exit status, or -1 when it had to be killed
     * @throws InterruptedException when interrupted
     */
    public int stop(long timeoutMillis) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone: waitFor tells
        }
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /** Kills the server (cleanup after a failure). */
    public void kill() {
        process.destroyForcibly();
    }

    /** Its stdout so far. */
    public String out() {
        return read(out);
    }

    /** Its stderr so far. */
    public String err() {
        return read(err);
    }

    /** The value of {@code key} in the server's {@code RESULT server} line, or null. */
    public String result(String key) {
        return out().lines().filter(l -> l.startsWith("RESULT server")).findFirst()
                .map(line -> {
                    Matcher m = RESULT_FIELD.matcher(line);
                    while (m.find()) {
                        if (m.group(1).equals(key)) {
                            return m.group(2);
                        }
                    }
                    return null;
                }).orElse(null);
    }

    /** {@link #result} as a number, 0 when absent. */
    public long resultLong(String key) {
        String v = result(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
