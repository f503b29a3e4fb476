package io.pagepool.report;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads one recording event by event ({@link RecordingFile#readEvent()}, never the whole file into
 * a list) into a {@link RecordingSummary}, and says on stderr how far it got when that takes more
 * than a second. Every way a file can be unusable becomes a {@link ReportInputException} with one
 * line that names the file.
 */
final class RecordingScanner {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** Progress shows once reading took this long, then every as long again. */
    static final long PROGRESS_NANOS = 1_000_000_000L;
    /** Events between two looks at the clock. */
    private static final int CLOCK_MASK = 0xFF;

    private final PrintWriter progress;
    private final long progressNanos;

    /** @param progress where progress lines go (stderr), or null for none */
    RecordingScanner(PrintWriter progress) {
        this(progress, PROGRESS_NANOS);
    }

    RecordingScanner(PrintWriter progress, long progressNanos) {
        this.progress = progress;
        this.progressNanos = progressNanos;
    }

    RecordingSummary scan(Path file) throws ReportInputException {
        long size = checkReadable(file);
        RecordingSummary summary = new RecordingSummary(file.toString());
        summary.files.add(file.toString());
        summary.bytes = size;
        long start = System.nanoTime();
        long lastReport = start;
        boolean reported = false;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                summary.accept(e);
                if ((summary.events & CLOCK_MASK) == 0 && progress != null) {
                    long now = System.nanoTime();
                    if (now - lastReport >= progressNanos) {
                        lastReport = now;
                        reported = true;
                        progress.printf(Locale.ROOT, "pagepool report: reading %s: %,d events, %.1f s%n", file,
                                summary.events, (now - start) / 1e9);
                        progress.flush();
                    }
                }
            }
        } catch (EOFException e) {
            throw new ReportInputException(file, "the recording is truncated (ends inside a chunk after "
                    + summary.events + " events): copy it again once the JVM has written it", e);
        } catch (IOException e) {
            throw new ReportInputException(file, "the recording is truncated or corrupt after " + summary.events
                    + " events (" + oneLine(e) + ")", e);
        } catch (RuntimeException | InternalError e) {
            throw new ReportInputException(file, "the recording is corrupt after " + summary.events + " events ("
                    + oneLine(e) + ")", e);
        }
        if (reported) {
            progress.printf(Locale.ROOT, "pagepool report: read %s: %,d events in %.1f s%n", file, summary.events,
                    (System.nanoTime() - start) / 1e9);
            progress.flush();
        }
        if (summary.pagepoolEvents == 0) {
            throw new ReportInputException(file, "the recording has no pagepool events (io.pagepool.*) among its "
                    + summary.events + " events: record with pagepool.jfc or the agent's jfr option");
        }
        return summary;
    }

    /** The file's size; throws unless it is a readable file that starts like a JFR recording. */
    private static long checkReadable(Path file) throws ReportInputException {
        if (!Files.exists(file)) {
            throw new ReportInputException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ReportInputException(file, "is a directory, not a JFR recording");
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
            throw new ReportInputException(file, "is empty, not a JFR recording");
        }
        if (n < MAGIC.length || !java.util.Arrays.equals(head, MAGIC)) {
            throw new ReportInputException(file, "is not a JFR recording (it does not start with the FLR magic bytes)");
        }
        return size;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        return text.replaceAll("\\s+", " ").trim();
    }
}
