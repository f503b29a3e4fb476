package io.pagepool.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines a component under test logs (a debug log, warnings), kept in memory for assertions.
 * Thread-safe: any thread may add while the test reads.
 */
public final class LineLog {
    private final List<String> lines = new ArrayList<>();

    /** An empty log. */
    public LineLog() {
    }

    /**
     * Appends a line; usable as a {@code Consumer<String>}.
     *
     * @param line the line
     */
    public synchronized void add(String line) {
        lines.add(line);
    }

    /**
     * The lines so far.
     *
     * @return a copy, in order
     */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Whether any line so far contains {@code fragment}.
     *
     * @param fragment the text to look for
     * @return true when a line contains it
     */
    public synchronized boolean any(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }
}
