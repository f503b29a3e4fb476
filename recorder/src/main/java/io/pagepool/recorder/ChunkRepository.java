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
package io.pagepool.recorder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Puts the JVM's JFR repository, where a disk recording's chunks live until the recording is
 * written, next to a recording file: {@code FILE.chunks/} for {@code FILE}. After a crash (SIGKILL,
 * an abort) FILE is empty or missing but the chunks stay there, the last one read up to its last
 * flush (every second) by {@code pagepool report FILE.chunks}. After a clean exit JFR deletes its
 * chunks and the folder goes too (when empty).
 *
 * <p>The repository is the JVM's, shared by all its recordings: a repository the user named
 * ({@code -XX:FlightRecorderOptions:repository=…}) is left where it is. Uses the JDK's
 * {@code JFR.configure} diagnostic command through its MBean, as {@code jcmd PID JFR.configure
 * repositorypath=…} does.
 */
public final class ChunkRepository {
    /** Appended to a recording file's name to name its chunk folder. */
    public static final String SUFFIX = ".chunks";

    private ChunkRepository() {
    }

    /**
     * Moves the JFR repository to {@code recording}'s chunk folder, created if need be.
     *
     * @return the chunk folder, or null when the user named a repository (left alone)
     * @throws IOException when the folder cannot be made or JFR refuses it
     */
    public static Path placeNextTo(Path recording) throws IOException {
        if (userNamedRepository()) {
            return null;
        }
        Path folder = chunkFolder(recording);
        Files.createDirectories(folder);
        folder.toFile().deleteOnExit(); // after JFR's own hook deleted its chunks; kept while not empty
        String path = folder.toString();
        String argument = "repositorypath=" + (path.indexOf(' ') >= 0 ? '"' + path + '"' : path);
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrConfigure",
                    new Object[] {new String[] {argument}}, new String[] {String[].class.getName()});
            if (answer instanceof String s && !s.contains(path)) {
                throw new IOException("JFR.configure " + argument + " answered: " + s.strip());
            }
        } catch (JMException e) {
            throw new IOException("JFR.configure " + argument + " failed: " + e, e);
        }
        return folder;
    }

    /** The chunk folder of {@code recording}: {@code FILE.chunks} next to it. */
    public static Path chunkFolder(Path recording) {
        Path absolute = recording.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    private static boolean userNamedRepository() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:FlightRecorderOptions") && a.contains("repository"));
    }
}
