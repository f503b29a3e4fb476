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

/** GitHub-flavoured markdown: for an issue, a pull request or a wiki page. */
final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    static String render(Doc doc) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(doc.title).append("\n");
        for (Doc.Section s : doc.sections) {
            if (!(b.length() >= 2 && b.charAt(b.length() - 1) == '\n' && b.charAt(b.length() - 2) == '\n')) {
                b.append('\n');
            }
            b.append("#".repeat(s.level + 1)).append(' ').append(inline(s.title)).append("\n\n");
            for (Doc.Block block : s.blocks) {
                switch (block) {
                    case Doc.Text t -> b.append(inline(t.text())).append("\n\n");
                    case Doc.Code c -> b.append("```\n").append(c.text().strip()).append("\n```\n\n");
                    case Doc.Fields f -> {
                        for (String[] r : f.rows()) {
                            b.append("- **").append(inline(r[0])).append("**: ").append(inline(r[1])).append('\n');
                        }
                        b.append('\n');
                    }
                    case Doc.Table t -> table(b, t);
                    case Doc.Flame f -> b.append("Flame graph in `--format html`; stacks for flamegraph.pl:"
                            + " `--format collapsed`.\n\n");
                    case Doc.Chart c -> {
                        b.append("**").append(inline(c.title()))
                                .append("** (min / mean / max; drawn in `--format html`)\n\n");
                        for (Doc.Line line : c.lines()) {
                            b.append("- ").append(inline(line.name())).append(": ")
                                    .append(ChartStats.of(line, c.unit())).append('\n');
                        }
                        b.append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Doc.Table t) {
        int n = t.headers().size();
        b.append('|');
        for (int i = 0; i < n; i++) {
            b.append(' ').append(cell(t.header(i))).append(" |");
        }
        b.append("\n|");
        for (int i = 0; i < n; i++) {
            b.append(t.numeric(i) ? "---:|" : "---|");
        }
        b.append('\n');
        for (List<String> row : t.rows()) {
            b.append('|');
            for (String c : row) {
                b.append(' ').append(cell(c)).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** Escapes what markdown would take for markup in running text. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ("\\`*_[]<>#".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c == '\n' ? ' ' : c);
        }
        return b.toString();
    }
}
