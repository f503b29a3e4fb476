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

import java.util.List;

/** Plain text with aligned columns: the default, for a terminal or a log. */
final class TextRenderer {
    private TextRenderer() {
    }

    static String render(Doc doc) {
        StringBuilder b = new StringBuilder();
        heading(b, doc.title, '#');
        for (Doc.Section s : doc.sections) {
            b.append('\n');
            heading(b, s.title, switch (s.level) {
                case 1 -> '=';
                case 2 -> '-';
                default -> '.';
            });
            for (Doc.Block block : s.blocks) {
                switch (block) {
                    case Doc.Text t -> b.append(t.text()).append('\n');
                    case Doc.Code c -> c.text().lines().forEach(l -> b.append("    ").append(l.strip()).append('\n'));
                    case Doc.Fields f -> fields(b, f);
                    case Doc.Table t -> table(b, t);
                    case Doc.Chart c -> chart(b, c);
                    case Doc.Flame f -> b.append("  (flame graph in --format html; stacks for flamegraph.pl:"
                            + " --format collapsed)\n");
                }
            }
        }
        return b.toString();
    }

    private static void heading(StringBuilder b, String title, char underline) {
        b.append(title).append('\n').append(String.valueOf(underline).repeat(Math.min(100, title.length())))
                .append('\n');
    }

    private static void fields(StringBuilder b, Doc.Fields f) {
        int width = f.rows().stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : f.rows()) {
            b.append("  ").append(pad(r[0] + ":", width + 1, false)).append(' ').append(r[1]).append('\n');
        }
    }

    private static void table(StringBuilder b, Doc.Table t) {
        int n = t.headers().size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = t.header(i).length();
            for (List<String> row : t.rows()) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        line(b, t, width, i -> t.header(i));
        line(b, t, width, i -> "-".repeat(width[i]));
        for (List<String> row : t.rows()) {
            line(b, t, width, row::get);
        }
    }

    private static void line(StringBuilder b, Doc.Table t, int[] width, java.util.function.IntFunction<String> cell) {
        StringBuilder l = new StringBuilder("  ");
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            l.append(pad(cell.apply(i), width[i], t.numeric(i)));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static void chart(StringBuilder b, Doc.Chart c) {
        b.append("  ").append(c.title()).append(" (min / mean / max per line; charts in --format html):\n");
        if (c.lines().isEmpty()) {
            b.append("    no data\n");
        }
        for (Doc.Line line : c.lines()) {
            b.append("    ").append(line.name()).append(": ").append(ChartStats.of(line, c.unit())).append('\n');
        }
    }

    static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
