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
package io.pagepool.report;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads recordings event by event ({@link RecordingFile#readEvent()}, never the whole file into
 * a list) into {@link RecordingSummary summaries}, and says on stderr how far it got when that
 * takes more than a second.
 *
 * <p>Nothing complete is lost: a file cut short (a copy taken too early), a chunk still being
 * written when its JVM was killed, or a JFR repository folder of chunks is read chunk by chunk
 * ({@link ChunkScan}), every complete chunk whole and a cut one up to its last flush, and one
 * warning line says what was cut. Every way an input can be wholly unusable becomes a
 * {@link ReportInputException} with one line that names it. Not thread-safe: one scanner per
 * report.
 */
final class RecordingScanner {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** Progress shows once reading took this long, then every as long again. */
    static final long PROGRESS_NANOS = 1_000_000_000L;
    /** Events between two looks at the clock. */
    private static final int CLOCK_MASK = 0xFF;
    /** Where the agent keeps a {@code jfr=FILE} recording's chunks until it writes FILE. */
    static final String CHUNKS_SUFFIX = ".chunks";

    private final PrintWriter progress;
    private final PrintWriter warnings;
    private final long progressNanos;

    /**
     * @param progress where progress lines go (stderr), or null for none
     * @param warnings where the line saying what was cut goes (stderr)
     */
    RecordingScanner(PrintWriter progress, PrintWriter warnings) {
        this(progress, warnings, PROGRESS_NANOS);
    }

    RecordingScanner(PrintWriter progress, PrintWriter warnings, long progressNanos) {
        this.progress = progress;
        this.warnings = warnings;
        this.progressNanos = progressNanos;
    }

    /**
     * The recordings {@code input} holds: a file (a recording or one chunk) is one; a folder (a
     * JFR repository, or one process's folder of chunks in it) is one per folder that holds chunk
     * files, their chunks read in name (that is, time) order.
     */
    List<RecordingSummary> scanAll(Path input) throws ReportInputException {
        if (!Files.isDirectory(input)) {
            return List.of(scan(input));
        }
        Map<Path, List<Path>> chunksByFolder = chunkFiles(input);
        if (chunksByFolder.isEmpty()) {
            throw new ReportInputException(input, "is a folder without JFR chunk files (*.jfr) in it or in its"
                    + " subfolders: give a recording, a chunk file or a JFR repository folder");
        }
        List<RecordingSummary> out = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> e : chunksByFolder.entrySet()) {
            out.add(scan(e.getKey(), e.getValue(), true));
        }
        return out;
    }

    /** One recording file (or chunk file): every complete chunk and event in it. */
    RecordingSummary scan(Path file) throws ReportInputException {
        return scan(file, List.of(file), false);
    }

    /** What reading one file gave: its readable bytes and complete chunks, and what was cut (or null). */
    private record FileRead(long readableBytes, int completeChunks, String cut) {
    }

    private RecordingSummary scan(Path source, List<Path> files, boolean folder) throws ReportInputException {
        RecordingSummary summary = new RecordingSummary(source.toString());
        Progress p = new Progress(source);
        List<String> cuts = new ArrayList<>();
        long bytes = 0;
        long readable = 0;
        int chunks = 0;
        for (Path file : files) {
            long size = checkReadable(file, !folder);
            summary.files.add(file.toString());
            bytes += size;
            if (size == 0) {
                cuts.add(file.getFileName() + " (empty)");
                continue;
            }
            FileRead read = readFile(file, size, summary, p);
            readable += read.readableBytes();
            chunks += read.completeChunks();
            if (read.cut() != null) {
                cuts.add(folder ? file.getFileName() + ": " + read.cut() : read.cut());
            }
        }
        summary.bytes = bytes;
        p.done(summary);
        String cut = cuts.isEmpty() ? null : String.join("; ", cuts);
        if (summary.events == 0) {
            throw new ReportInputException(source, "nothing could be read" + (cut == null ? "" : ": cut " + cut));
        }
        String partial = String.format(Locale.ROOT, "partial read: %,d of %,d bytes, %d complete chunk(s), %,d events;"
                + " cut: %s", readable, bytes, chunks, summary.events, cut);
        if (summary.pagepoolEvents == 0) {
            throw new ReportInputException(source, "the recording has no pagepool events (io.pagepool.*) among its "
                    + summary.events + " events: record with pagepool.jfc or the agent's jfr option"
                    + (cut == null ? "" : " (" + partial + ")"));
        }
        if (cut != null) {
            summary.cuts.addAll(cuts);
            warnings.println("pagepool report: warning: " + source + ": " + partial);
            warnings.flush();
        }
        return summary;
    }

    /**
     * Reads every complete chunk of {@code file}, then what is complete of a cut last chunk, into
     * {@code summary}. A whole file is read as it is; a cut one chunk by chunk, each copied to a
     * temporary file (deleted at once) with, for the cut one, its header made to end at its last
     * flush.
     */
    private FileRead readFile(Path file, long size, RecordingSummary summary, Progress p)
            throws ReportInputException {
        ChunkScan.Layout layout;
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            layout = ChunkScan.layout(ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
        } catch (IOException e) {
            throw new ReportInputException(file, "cannot be read (" + oneLine(e) + ")", e);
        }
        if (layout.whole()) {
            String corrupt = read(file, file, summary, p);
            return new FileRead(size, layout.completeChunks(), corrupt);
        }
        for (ChunkScan.Range r : layout.ranges()) {
            Path part = null;
            String corrupt;
            try {
                part = ChunkCopy.write(file, r);
                corrupt = read(file, part, summary, p);
            } catch (IOException e) {
                throw new ReportInputException(file, "cannot copy a chunk to a temporary file (" + oneLine(e) + ")",
                        e);
            } finally {
                ChunkCopy.delete(part);
            }
            if (corrupt != null) {
                return new FileRead(r.offset(), (int) layout.ranges().stream().filter(x -> !x.repaired()
                        && x.offset() < r.offset()).count(), corrupt + "; " + layout.cut());
            }
        }
        return new FileRead(layout.readableBytes(), layout.completeChunks(), layout.cut());
    }

    /**
     * Reads {@code part} (all of {@code file} or a copy of its chunk) into {@code summary};
     * returns null, or, when it breaks off after events were read, where it broke off.
     *
     * @throws ReportInputException when it breaks off before any event was read
     */
    private String read(Path file, Path part, RecordingSummary summary, Progress p) throws ReportInputException {
        try (RecordingFile recording = new RecordingFile(part)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                summary.accept(e);
                if ((summary.events & CLOCK_MASK) == 0) {
                    p.tick(summary);
                }
            }
            return null;
        } catch (EOFException e) {
            return broken(file, summary, "the recording is truncated (ends inside a chunk after " + summary.events
                    + " events): copy it again once the JVM has written it", e);
        } catch (IOException e) {
            return broken(file, summary, "the recording is truncated or corrupt after " + summary.events
                    + " events (" + oneLine(e) + ")", e);
        } catch (RuntimeException | InternalError e) {
            return broken(file, summary, "the recording is corrupt after " + summary.events + " events ("
                    + oneLine(e) + ")", e);
        }
    }

    private static String broken(Path file, RecordingSummary summary, String problem, Throwable e)
            throws ReportInputException {
        if (summary.events == 0) {
            throw new ReportInputException(file, problem, e);
        }
        return "the rest from where it broke off: " + problem;
    }

    /** The chunk files under {@code folder} (depth 2, a repository's layout), by the folder holding them. */
    private static Map<Path, List<Path>> chunkFiles(Path folder) throws ReportInputException {
        try (Stream<Path> s = Files.walk(folder, 2)) {
            Map<Path, List<Path>> out = new TreeMap<>();
            s.filter(f -> f.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(f)).sorted()
                    .forEach(f -> out.computeIfAbsent(f.getParent(), k -> new ArrayList<>()).add(f));
            return out;
        } catch (IOException | UncheckedIOException e) {
            throw new ReportInputException(folder, "cannot be listed (" + oneLine(e) + ")", e);
        }
    }

    /**
     * The file's size; throws unless it is a readable file that starts like a JFR recording (or,
     * when {@code alone} is false, a chunk file of a folder, which may be empty).
     */
    private static long checkReadable(Path file, boolean alone) throws ReportInputException {
        if (!Files.exists(file)) {
            throw new ReportInputException(file, "no such file");
        }
        byte[] head = new byte[MAGIC.length];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ReportInputException(file, "no such file", e);
        } catch (IOException e) {
            throw new ReportInputException(file, "cannot be read (" + oneLine(e) + ")", e);
        }
        if (size == 0) {
            if (!alone) {
                return 0;
            }
            Path chunks = file.resolveSibling(file.getFileName() + CHUNKS_SUFFIX);
            throw new ReportInputException(file, "is empty, not a JFR recording" + (Files.isDirectory(chunks)
                    ? " (its JVM did not finish it: report its chunks instead, 'report " + chunks + "')" : ""));
        }
        if (n < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new ReportInputException(file, "is not a JFR recording (it does not start with the FLR magic bytes)");
        }
        return size;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        return text.replaceAll("\\s+", " ").trim();
    }

    /** Says how far reading got, once it took longer than {@link #progressNanos}. */
    private final class Progress {
        private final Path source;
        private final long start = System.nanoTime();
        private long last = start;
        private boolean shown;

        Progress(Path source) {
            this.source = source;
        }

        void tick(RecordingSummary summary) {
            if (progress == null) {
                return;
            }
            long now = System.nanoTime();
            if (now - last >= progressNanos) {
                last = now;
                shown = true;
                progress.printf(Locale.ROOT, "pagepool report: reading %s: %,d events, %.1f s%n", source,
                        summary.events, (now - start) / 1e9);
                progress.flush();
            }
        }

        void done(RecordingSummary summary) {
            if (shown) {
                progress.printf(Locale.ROOT, "pagepool report: read %s: %,d events in %.1f s%n", source,
                        summary.events, (System.nanoTime() - start) / 1e9);
                progress.flush();
            }
        }
    }
}
