package io.pagepool.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's tools and forked JVMs of the running JDK, output captured to files. */
final class Processes {
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Processes() {
    }

    /** A tool of the running JDK: {@code $java.home/bin/<name>}. */
    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** The command that starts a JVM like this one: same JDK, class path, native access. */
    static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
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

    static Process start(List<String> command, Path dir, String name) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    static Result finish(Process process, Path dir, String name, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not finish in " + timeout + ":\n" + read(dir, name));
        }
        return read(dir, name, process.exitValue());
    }

    static Result run(List<String> command, Path dir, String name, Duration timeout) throws Exception {
        return finish(start(command, dir, name), dir, name, timeout);
    }

    static String stdout(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private static Result read(Path dir, String name, int exit) throws IOException {
        return new Result(exit, stdout(dir, name),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    private static String read(Path dir, String name) throws IOException {
        return read(dir, name, -1).toString();
    }
}
