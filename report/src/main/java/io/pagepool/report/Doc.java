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

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a document — sections of fields, tables, code and charts — that the text, markdown
 * and HTML renderers each lay out their way. JSON is written from the summaries instead (see
 * {@link JsonReport}), so that its numbers are raw, not formatted.
 */
final class Doc {
    final String title;
    final List<Section> sections = new ArrayList<>();

    Doc(String title) {
        this.title = title;
    }

    Section section(int level, String title) {
        Section s = new Section(level, title);
        sections.add(s);
        return s;
    }

    /** A heading (level 1..3) and its blocks. */
    static final class Section {
        final int level;
        final String title;
        final List<Block> blocks = new ArrayList<>();

        Section(int level, String title) {
            this.level = level;
            this.title = title;
        }

        Section text(String text) {
            blocks.add(new Text(text));
            return this;
        }

        Section code(String text) {
            blocks.add(new Code(text));
            return this;
        }

        Fields fields() {
            Fields f = new Fields(new ArrayList<>());
            blocks.add(f);
            return f;
        }

        Table table(String... headers) {
            Table t = new Table(List.of(headers), new ArrayList<>(), false);
            blocks.add(t);
            return t;
        }

        /** A table whose rows stay on one line each (HTML: no wrapping, scrolled sideways when wider than the page). */
        Table wideTable(String... headers) {
            Table t = new Table(List.of(headers), new ArrayList<>(), true);
            blocks.add(t);
            return t;
        }

        Section chart(Chart chart) {
            blocks.add(chart);
            return this;
        }

        Section flame(Flame flame) {
            blocks.add(flame);
            return this;
        }
    }

    sealed interface Block permits Text, Code, Fields, Table, Chart, Flame {
    }

    record Text(String text) implements Block {
    }

    record Code(String text) implements Block {
    }

    /** Name/value lines. */
    record Fields(List<String[]> rows) implements Block {
        Fields add(String name, String value) {
            rows.add(new String[] {name, value});
            return this;
        }
    }

    /**
     * A table; a column whose header ends with {@code ">"} is numeric (right-aligned, the marker
     * dropped); a {@code wide} one keeps each row on one line.
     */
    record Table(List<String> headers, List<List<String>> rows, boolean wide) implements Block {
        Table row(String... cells) {
            rows.add(List.of(cells));
            return this;
        }

        boolean numeric(int column) {
            return headers.get(column).endsWith(">");
        }

        String header(int column) {
            String h = headers.get(column);
            return h.endsWith(">") ? h.substring(0, h.length() - 1) : h;
        }
    }

    /** What a chart's values are: how to label its axis. */
    enum Unit { RATE, RATIO, BYTES, PAGES }

    /** How values map to heights: linear from zero, or logarithmic (decades, zero on a band of its own). */
    enum Scale { LINEAR, LOG }

    /** How a line joins its points: straight, or as steps (a gauge holds its value until the next sample). */
    enum Shape { LINEAR, STEP }

    /**
     * A line chart over time, with the recording's GC pauses and tuner decisions marked on its time
     * axis; the HTML renderer draws it as inline SVG, the others sum it up in words.
     */
    record Chart(String id, String title, Unit unit, Scale scale, long originNanos, long endNanos, List<Line> lines,
                 List<Mark> marks) implements Block {
    }

    /**
     * One line; it breaks where no point came for longer than {@code gapNanos} (0: twice its
     * median step, the sampling period).
     */
    record Line(String name, List<TimeSeries.Point> points, Shape shape, long gapNanos) {
        Line(String name, List<TimeSeries.Point> points) {
            this(name, points, Shape.LINEAR, 0);
        }
    }

    /** What a mark on the time axis shows. */
    enum MarkKind { GC_PAUSE, TUNER_DECISION }

    /** An instant or a span on the time axis: a GC pause (its duration) or a tuner decision (0), and its words. */
    record Mark(MarkKind kind, long timeNanos, long durationNanos, String label) {
    }

    /** The allocation flame graph ({@link FlameGraph}): HTML draws it, the others say where to find it. */
    record Flame(String id, AllocationSites sites) implements Block {
    }
}
