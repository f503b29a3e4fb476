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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Recording control: starts a JFR recording of the pagepool events together with the JDK's own
 * (GC, {@code jdk.DirectBufferStatistics}, …), written to a file when it stops, when the JVM exits
 * and when it gets SIGTERM (JFR's shutdown hook writes recordings that have a destination and
 * dump-on-exit; SIGINT and {@code System.exit} likewise, SIGKILL not).
 *
 * <p>The pagepool settings are {@code pagepool.jfc}, the resource {@value #JFC_RESOURCE} of this
 * jar. It holds only pagepool events, so it combines with a JDK configuration on the command
 * line, both settings named:
 * {@code -XX:StartFlightRecording:settings=default,settings=/path/pagepool.jfc,filename=app.jfr}
 * (extract it with {@link #writeJfc(Path)}), and with
 * {@code jfr configure --input default.jfc,/path/pagepool.jfc --output my.jfc}.
 */
public final class Recorder {
    /** Where pagepool.jfc lives in the recorder jar (and in the agent jar, which shades it). */
    public static final String JFC_RESOURCE = "/io/pagepool/recorder/pagepool.jfc";

    private Recorder() {
    }

    /** {@link #start(Path, RecordingOptions)} with {@link RecordingOptions#DEFAULTS}. */
    public static Recording start(Path destination) throws IOException {
        return start(destination, RecordingOptions.DEFAULTS);
    }

    /**
     * Starts a disk recording with the base configuration's settings plus pagepool.jfc's, written
     * to {@code destination} when it is stopped ({@link Recording#stop()}), when the JVM exits
     * and on SIGTERM. Stop or close the returned recording to end it.
     *
     * @throws IllegalArgumentException when the base configuration is unknown
     * @throws IOException when the destination is not writable
     */
    public static Recording start(Path destination, RecordingOptions options) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!options.baseConfiguration().equals("none")) {
            settings.putAll(jdkConfiguration(options.baseConfiguration()).getSettings());
        }
        settings.putAll(settings());
        Recording recording = new Recording(settings);
        try {
            recording.setName(options.name());
            recording.setToDisk(true);
            recording.setMaxSize(options.maxSizeBytes());
            recording.setMaxAge(options.maxAge());
            recording.setDestination(destination);
            recording.setDumpOnExit(true);
            recording.start();
            return recording;
        } catch (IOException | RuntimeException e) {
            recording.close();
            throw e;
        }
    }

    /** The settings of pagepool.jfc ({@code "io.pagepool.PoolStatistics#period" -> "1 s"}, …). */
    public static Map<String, String> settings() {
        try (Reader reader = new InputStreamReader(openJfc(), StandardCharsets.UTF_8)) {
            return Configuration.create(reader).getSettings();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + JFC_RESOURCE, e);
        } catch (ParseException e) {
            throw new IllegalStateException(JFC_RESOURCE + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Writes pagepool.jfc to {@code file} (replacing it), for {@code -XX:StartFlightRecording} and {@code jfr}. */
    public static Path writeJfc(Path file) throws IOException {
        try (InputStream in = openJfc()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static InputStream openJfc() {
        InputStream in = Recorder.class.getResourceAsStream(JFC_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(JFC_RESOURCE + " is missing from the class path");
        }
        return in;
    }

    private static Configuration jdkConfiguration(String name) throws IOException {
        try {
            return Configuration.getConfiguration(name);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("base configuration '" + name + "' is unknown: use"
                    + " default, profile or none", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the JDK's '" + name + "' configuration does not parse:"
                    + " " + e.getMessage(), e);
        }
    }
}
