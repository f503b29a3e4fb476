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

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Recorder#start(java.nio.file.Path, RecordingOptions)} records.
 *
 * @param baseConfiguration the JDK configuration the pagepool settings are added to:
 *        {@code "default"} (about 1 % overhead: GC, {@code jdk.DirectBufferStatistics}, …),
 *        {@code "profile"}, or {@code "none"} for the pagepool events alone
 * @param maxSizeBytes the most bytes kept on disk (older chunks are dropped); 0 for no limit
 * @param maxAge the oldest data kept; null for no limit
 * @param name the recording's name, as {@code jcmd JFR.check} shows it
 */
public record RecordingOptions(String baseConfiguration, long maxSizeBytes, Duration maxAge, String name) {
    /** The JDK's "default" settings, at most 250 MiB on disk, no age limit, named "pagepool". */
    public static final RecordingOptions DEFAULTS = new RecordingOptions("default", 250L << 20, null, "pagepool");

    /** Checks the values: names present, sizes and ages not negative. */
    public RecordingOptions {
        Objects.requireNonNull(baseConfiguration, "baseConfiguration");
        Objects.requireNonNull(name, "name");
        if (maxSizeBytes < 0) {
            throw new IllegalArgumentException("maxSizeBytes = " + maxSizeBytes + " is out of"
                    + " range: 0 (no limit) or more");
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge = " + maxAge + " is out of range: positive,"
                    + " or null for no limit");
        }
    }

    /** These options with another base configuration. */
    public RecordingOptions withBaseConfiguration(String configuration) {
        return new RecordingOptions(configuration, maxSizeBytes, maxAge, name);
    }

    /** These options with another size limit in bytes (0: none). */
    public RecordingOptions withMaxSizeBytes(long bytes) {
        return new RecordingOptions(baseConfiguration, bytes, maxAge, name);
    }

    /** These options with another age limit (null: none). */
    public RecordingOptions withMaxAge(Duration age) {
        return new RecordingOptions(baseConfiguration, maxSizeBytes, age, name);
    }

    /** These options with another recording name. */
    public RecordingOptions withName(String recordingName) {
        return new RecordingOptions(baseConfiguration, maxSizeBytes, maxAge, recordingName);
    }
}
