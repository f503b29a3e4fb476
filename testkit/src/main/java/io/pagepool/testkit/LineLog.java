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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lines a component under test logs (a debug log, a pool's {@code warnings} sink), kept in memory
 * for assertions. Thread-safe: any thread may add while the test reads.
 */
public final class LineLog implements Consumer<String> {
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
     * Appends a line (the {@link Consumer} view of {@link #add}).
     *
     * @param line the line
     */
    @Override
    public void accept(String line) {
        add(line);
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

    /**
     * The lines so far that contain {@code fragment}.
     *
     * @param fragment the text to look for
     * @return those lines, in order
     */
    public synchronized List<String> containing(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).toList();
    }

    @Override
    public synchronized String toString() {
        return lines.toString();
    }
}
