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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text, markdown and HTML carry the same figures as the JSON, each laid out its way. */
class ReportFormatsTest {
    @TempDir
    Path dir;

    private static Reports report(String format, String... files) {
        String[] args = new String[files.length + 3];
        System.arraycopy(files, 0, args, 0, files.length);
        args[files.length] = "--format";
        args[files.length + 1] = format;
        args[files.length + 2] = "--quiet";
        Reports r = Reports.run(args);
        assertEquals(0, r.exitCode(), r::err);
        assertEquals("", r.err());
        return r;
    }

    private static String agentLine(String pool) {
        Object root = Reports.json(ReportWorkload.get().first.toString());
        return MiniJson.list(MiniJson.list(root, "recordings").getFirst(), "recommendations").stream()
                .filter(r -> pool.equals(MiniJson.str(r, "pool"))).map(r -> MiniJson.str(r, "line")).findFirst()
                .orElseThrow();
    }

    @Test
    void textIsTheDefaultAndAlignsItsColumns() {
        ReportWorkload w = ReportWorkload.get();
        Reports r = Reports.run(w.first.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);
        assertEquals(report("text", w.first.toString()).out(), r.out());
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("  Pool ") && l.contains("Allocations")).findFirst()
                .orElseThrow();
        String row = lines.stream().filter(l -> l.startsWith("  " + w.rx + " ")).findFirst().orElseThrow();
        String pages = Units.count(w.rxFirst.allocPages());
        int end = header.indexOf("Allocations") + "Allocations".length();
        assertEquals(pages, row.substring(end - pages.length(), end), "numbers right-aligned under their header:\n"
                + header + "\n" + row);
        assertTrue(r.out().contains(agentLine(w.rx)), "the recommended line");
        assertTrue(r.out().contains(ReportWorkload.CACHE_REASON), "the tuner's reason");
        assertTrue(r.out().contains("ReportWorkload.leakOnePage") || r.out().contains("ReportWorkload.record"),
                "a leak suspect's stack");
    }

    @Test
    void markdownTablesHaveAColumnPerHeader() {
        ReportWorkload w = ReportWorkload.get();
        String md = report("markdown", w.first.toString(), w.second.toString()).out();
        assertTrue(md.startsWith("# pagepool report"));
        assertTrue(md.contains("## Combined view of 2 recordings"));
        assertTrue(md.contains("```\n" + agentLine(w.rx) + "\n```"), "the agent line as code");
        int tables = 0;
        List<String> lines = md.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i + 1).matches("\\|(---:?\\|)+")) {
                tables++;
                int columns = cells(lines.get(i));
                assertEquals(columns, cells(lines.get(i + 1)), lines.get(i));
                for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    assertEquals(columns, cells(lines.get(j)), lines.get(j));
                }
            }
        }
        assertTrue(tables >= 10, "pools, caches, tuner, recommendations per part: " + tables);
        assertTrue(md.contains(Units.count(w.rxFirst.allocPages() + w.rxSecond.allocPages())), "the combined total");
    }

    private static int cells(String line) {
        return line.replace("\\|", "").split("\\|", -1).length - 2;
    }

    @Test
    void htmlIsOneSelfContainedFileWithSvgCharts() throws IOException {
        ReportWorkload w = ReportWorkload.get();
        Path out = dir.resolve("report.html");
        Reports r = Reports.run(w.first.toString(), w.second.toString(), "--format", "html", "--output",
                out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);
        assertEquals("", r.out(), "written to the file, not stdout");
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        for (String external : List.of("<script src", "<link", "<iframe", "<img", "src=", "url(", "@import",
                "@font-face")) {
            assertFalse(lower.contains(external), "no external resources: " + external);
        }
        // the one script is the flame graph's inline search and zoom: no attributes, nothing fetched
        assertEquals(count(lower, "<script"), count(lower, "<script>"), "inline scripts only");
        for (String fetch : List.of("fetch(", "xmlhttprequest", "import(", "websocket", "eventsource", "sendbeacon",
                "location.href =", "document.write")) {
            assertFalse(lower.contains(fetch), "a script that loads nothing: " + fetch);
        }
        Matcher urls = Pattern.compile("https?://[^\"' )]+").matcher(html);
        while (urls.find()) {
            assertEquals("http://www.w3.org/2000/svg", urls.group(), "only the SVG namespace, never fetched");
        }
        int charts = count(html, "<svg class=\"chart\"");
        assertEquals(3 * 6, charts, "allocation rate, fast-path ratio (misses), waives, in flight, cache capacity,"
                + " memory: per file and combined");
        assertTrue(count(html, "<path class=\"series") >= 3 * 3, "lines drawn");
        for (String title : List.of("Allocation rate", "Fast-path ratio", "Waives", "Pages in flight",
                "Thread cache capacity", "Memory mapped")) {
            assertTrue(html.contains("aria-label=\"" + title), title);
        }
        assertTrue(html.contains(HtmlRenderer.escape(agentLine(w.rx))));
    }

    @Test
    void htmlEscapesWhatItShows() {
        assertEquals("&lt;b&gt;a&amp;b&quot;c&#39;&lt;/b&gt;", HtmlRenderer.escape("<b>a&b\"c'</b>"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
