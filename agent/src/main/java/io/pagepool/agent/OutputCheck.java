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
package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's output files ({@code jfr=}, {@code summary=}) are written where the user can find
 * them, or one line says they are not: at start, a probe write (a missing folder, a read-only
 * place, {@code /dev/full}); at the end of a recording, a check that the file JFR wrote holds
 * whole chunks (a disk that filled up during the run). JFR itself only logs such failures in its
 * own words, or not at all. Threading: the end check runs
 * on whichever thread JFR tells of the recording's state change (at exit, its shutdown hook).
 */
final class OutputCheck {
    /** A JFR chunk starts with these bytes, then major and minor version (2 bytes each), then its size (8). */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final int HEADER_BYTES = 16;

    private OutputCheck() {
    }

    /**
     * Whether {@code destination} can be written: creates it (or opens it for appending) and
     * writes one byte, then leaves it as it was (a file it created is removed).
     *
     * @return null when writable, else why not, in a few words
     */
    static String whyNotWritable(Path destination) {
        if (Files.isDirectory(destination)) {
            return "it is a folder";
        }
        boolean existed = Files.exists(destination);
        try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (!existed || !Files.isRegularFile(destination)) {
                out.write(0);
                out.flush();
            }
        } catch (NoSuchFileException e) {
            return "no such folder: " + destination.getParent();
        } catch (AccessDeniedException e) {
            return "permission denied";
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.toString();
        } catch (IOException | SecurityException e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        } finally {
            if (!existed) {
                try {
                    Files.deleteIfExists(destination);
                } catch (IOException ignored) {
                    // a probe file that cannot be removed is replaced by the recording
                }
            }
        }
        return null;
    }

    /** When the recording to {@code destination} ends, checks that its file is whole; one line if not. */
    static void watch(Path destination, AgentLog log) {
        AtomicBoolean checked = new AtomicBoolean();
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording recording) {
                // JFR tells STOPPED after it wrote the file; when the write failed, only CLOSED
                RecordingState state = recording.getState();
                if (destination.equals(recording.getDestination())
                        && (state == RecordingState.STOPPED || state == RecordingState.CLOSED)
                        && checked.compareAndSet(false, true)) {
                    String problem = incomplete(destination);
                    if (problem != null) {
                        log.error("jfr=" + destination + " was not written completely: " + problem
                                + " (a full disk?); the JFR repository may still hold the recording's chunks");
                    }
                }
            }
        });
    }

    /** Null when {@code file} is a sequence of whole JFR chunks, else what is wrong. */
    static String incomplete(Path file) {
        if (!Files.isRegularFile(file)) {
            return Files.exists(file) ? null : "the file is missing"; // a device such as /dev/null: nothing to read
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            if (size == 0) {
                return "the file is empty";
            }
            byte[] header = new byte[HEADER_BYTES];
            long at = 0;
            while (at < size) {
                if (size - at < HEADER_BYTES) {
                    return "it ends inside a chunk header at byte " + at;
                }
                in.seek(at);
                in.readFully(header);
                long chunkBytes = ByteBuffer.wrap(header, 8, 8).getLong();
                if (!ByteBuffer.wrap(header, 0, 4).equals(ByteBuffer.wrap(MAGIC)) || chunkBytes < HEADER_BYTES
                        || chunkBytes > size - at) {
                    return "the chunk at byte " + at + " is cut or damaged (" + size + " bytes in the file)";
                }
                at += chunkBytes;
            }
            return null;
        } catch (IOException e) {
            return "cannot read it back: " + e.getMessage();
        }
    }
}
