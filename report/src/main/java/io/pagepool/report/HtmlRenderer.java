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

/**
 * One self-contained HTML file: inline CSS and inline SVG charts, no font, nothing fetched from the
 * network, so it opens the same anywhere (mail attachment, CI artifact); the only script is the
 * flame graph's inline search and zoom ({@link FlameGraph}), which it draws without too. With
 * several recordings on the page, a table of contents links each part and its sections.
 */
final class HtmlRenderer {
    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px; color: #222222; background: #ffffff; max-width: 1200px; }
            h1 { border-bottom: 3px solid #1f77b4; padding-bottom: 4px; }
            h2 { border-bottom: 2px solid #1f77b4; padding-bottom: 3px; margin-top: 32px; }
            h3 { margin-top: 24px; color: #1f4f7b; }
            h4 { margin-top: 18px; }
            table { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 13px; }
            th, td { border: 1px solid #cccccc; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #e8eef5; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr:nth-child(even) td { background: #f6f8fa; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 14px; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            pre { background: #f3f3f3; border-left: 4px solid #1f77b4; padding: 8px; overflow-x: auto;
                  font-size: 12px; }
            svg.chart { display: block; margin: 4px 0 20px 0; border: 1px solid #dddddd; }
            div.wide { overflow-x: auto; max-width: 100%; }
            table.wide td, table.wide th { white-space: nowrap; }
            nav.toc { border: 1px solid #cccccc; background: #f6f8fa; padding: 8px 16px; margin: 16px 0; }
            nav.toc ul { margin: 4px 0; padding-left: 20px; }
            nav.toc > ul > li { margin-top: 6px; font-weight: bold; }
            nav.toc li li { font-weight: normal; display: inline; margin-right: 12px; }
            """;

    private HtmlRenderer() {
    }

    static String render(Doc doc) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"generator\" content=\"pagepool report\">\n")
                .append("<title>").append(escape(doc.title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(escape(doc.title)).append("</h1>\n");
        toc(b, doc);
        for (int i = 0; i < doc.sections.size(); i++) {
            Doc.Section s = doc.sections.get(i);
            int h = Math.min(6, s.level + 1);
            b.append("<h").append(h).append(" id=\"").append(anchor(i)).append("\">").append(escape(s.title))
                    .append("</h").append(h).append(">\n");
            for (Doc.Block block : s.blocks) {
                switch (block) {
                    case Doc.Text t -> b.append("<p>").append(escape(t.text())).append("</p>\n");
                    case Doc.Code c -> b.append("<pre>").append(escape(c.text().strip())).append("</pre>\n");
                    case Doc.Fields f -> {
                        b.append("<dl>\n");
                        for (String[] r : f.rows()) {
                            b.append("<dt>").append(escape(r[0])).append("</dt><dd>").append(escape(r[1]))
                                    .append("</dd>\n");
                        }
                        b.append("</dl>\n");
                    }
                    case Doc.Table t -> table(b, t);
                    case Doc.Chart c -> b.append("<h4>").append(escape(c.title())).append("</h4>\n")
                            .append(SvgChart.render(c));
                    case Doc.Flame f -> b.append(FlameGraph.render(f.id(), f.sites()));
                }
            }
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /**
     * A table of contents when the page holds several recordings (or a combined view): each
     * recording's part, and its sections on one line under it.
     */
    private static void toc(StringBuilder b, Doc doc) {
        if (doc.sections.stream().filter(s -> s.level == 1).count() < 2) {
            return;
        }
        b.append("<nav class=\"toc\">\n<strong>Contents</strong>\n<ul>\n");
        boolean open = false;
        for (int i = 0; i < doc.sections.size(); i++) {
            Doc.Section s = doc.sections.get(i);
            if (s.level == 1) {
                b.append(open ? "</ul></li>\n" : "").append("<li><a href=\"#").append(anchor(i)).append("\">")
                        .append(escape(s.title)).append("</a><ul>");
                open = true;
            } else if (s.level == 2 && open) {
                b.append("<li><a href=\"#").append(anchor(i)).append("\">").append(escape(s.title))
                        .append("</a></li>");
            }
        }
        b.append(open ? "</ul></li>\n" : "").append("</ul>\n</nav>\n");
    }

    /** The id of section {@code index}'s heading. */
    static String anchor(int index) {
        return "s" + index;
    }

    private static void table(StringBuilder b, Doc.Table t) {
        b.append(t.wide() ? "<div class=\"wide\"><table class=\"wide\">\n<tr>" : "<table>\n<tr>");
        for (int i = 0; i < t.headers().size(); i++) {
            b.append(t.numeric(i) ? "<th class=\"num\">" : "<th>").append(escape(t.header(i))).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(t.numeric(i) ? "<td class=\"num\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append(t.wide() ? "</table></div>\n" : "</table>\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
