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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Renders the HTML report in a real headless browser (Debian's chromium) and checks the
 * screenshot: not blank, and the charts' line colours drawn. Skipped without chromium unless
 * {@code PAGEPOOL_REQUIRE_BROWSER=1} ({@code .ci/run} installs it). The report
 * and the screenshot stay in {@code target/report-browser/} to look at.
 */
class BrowserRenderTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    @Test
    void theHtmlReportRendersWithItsChartsInAHeadlessBrowser() throws IOException, InterruptedException {
        boolean required = "1".equals(System.getenv("PAGEPOOL_REQUIRE_BROWSER"));
        if (!Files.isExecutable(CHROMIUM)) {
            if (required) {
                fail(CHROMIUM + " is missing and PAGEPOOL_REQUIRE_BROWSER=1: apt-get install chromium");
            }
            Assumptions.abort(CHROMIUM + " is missing: the browser check is skipped"
                    + " (PAGEPOOL_REQUIRE_BROWSER=1 makes it fail)");
        }
        ReportWorkload w = ReportWorkload.get();
        Path out = Files.createDirectories(Paths.get("target", "report-browser")).toAbsolutePath();
        Path html = out.resolve("report.html");
        Path png = out.resolve("report.png");
        Files.deleteIfExists(png);
        Reports r = Reports.run(w.first.toString(), w.second.toString(), "--format", "html", "--output",
                html.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);

        Path profile = Files.createTempDirectory("pagepool-chromium");
        try {
            Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                    "--window-size=1280,2000", html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("chromium.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish in 120 s; see " + out.resolve("chromium.log"));
            }
            assertTrue(Files.exists(png) && Files.size(png) > 0, () -> "no screenshot; chromium exit " + p.exitValue()
                    + ", see " + out.resolve("chromium.log"));
        } finally {
            deleteTree(profile);
        }

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        List<Integer> lineColours = List.of(rgb(SvgChart.COLORS[0]), rgb(SvgChart.COLORS[1]));
        long[] lineHits = new long[lineColours.size()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(c);
                if (c != 0xFFFFFF) {
                    nonWhite++;
                }
                for (int i = 0; i < lineColours.size(); i++) {
                    if (c == lineColours.get(i)) {
                        lineHits[i]++;
                    }
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(colours.size() > 50, "a rendered page, not a blank one: " + colours.size() + " colours");
        assertTrue(nonWhite > pixels / 50, "text, tables and charts cover the page: " + nonWhite + " of " + pixels);
        assertTrue(lineHits[1] > 100,
                "the second pool's chart lines (" + SvgChart.COLORS[1] + ") are drawn: " + lineHits[1]);
        assertTrue(lineHits[0] > lineHits[1], "the first pool's lines and the headings' rules");
    }

    /**
     * The charts as the browser parsed and drew them: its DOM has every chart with its step and
     * linear lines, GC pause bands, tuner decision marks, the log scale's zero line and the table
     * of contents; its screenshot shows the tuner's orange marks. Files stay in
     * {@code target/report-browser/}.
     */
    @Test
    void theChartsRenderWithTheirMarksStepsLogScaleAndTheContents() throws IOException, InterruptedException {
        boolean required = "1".equals(System.getenv("PAGEPOOL_REQUIRE_BROWSER"));
        if (!Files.isExecutable(CHROMIUM)) {
            if (required) {
                fail(CHROMIUM + " is missing and PAGEPOOL_REQUIRE_BROWSER=1: apt-get install chromium");
            }
            Assumptions.abort(CHROMIUM + " is missing: the browser check is skipped");
        }
        ReportWorkload w = ReportWorkload.get();
        Path out = Files.createDirectories(Paths.get("target", "report-browser")).toAbsolutePath();
        Path html = out.resolve("charts.html");
        Path png = out.resolve("charts.png");
        Path dom = out.resolve("charts.dom.html");
        Files.deleteIfExists(png);
        Reports r = Reports.run(w.first.toString(), w.second.toString(), "--format", "html", "--output",
                html.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);
        chromium(out, html, dom, "--dump-dom");
        chromium(out, html, null, "--screenshot=" + png, "--window-size=1280,2600");

        String parsed = Files.readString(dom);
        assertEquals(3 * 6, count(parsed, "<svg class=\"chart\""), "six charts per part, three parts");
        assertTrue(count(parsed, "<path class=\"series step\"") >= 3 * 2, "capacities and memory as steps");
        assertTrue(count(parsed, "<path class=\"series linear\"") >= 3 * 4, "rates, misses, waives, in flight");
        assertTrue(count(parsed, "<rect class=\"gc-pause\"") >= 6 * w.gcCalls, "GC pauses on every chart");
        assertTrue(count(parsed, "<path class=\"tuner-decision\"") >= 6 * 2, "the two decisions on every chart");
        assertTrue(parsed.contains("<nav class=\"toc\">") && count(parsed, "href=\"#s") >= 3 * 7, "contents");
        assertTrue(parsed.contains(">0</text>") && parsed.contains(">100.00 %</text>"), "the log scale's ticks");

        BufferedImage image = ImageIO.read(png.toFile());
        int orange = rgb(SvgChart.TUNER_COLOR);
        long orangeHits = 0;
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y) & 0xFFFFFF;
                orangeHits += c == orange ? 1 : 0;
                nonWhite += c != 0xFFFFFF ? 1 : 0;
            }
        }
        assertTrue(nonWhite > (long) image.getWidth() * image.getHeight() / 50, "not blank: " + nonWhite);
        assertTrue(orangeHits > 50, "the tuner decisions' triangles are drawn: " + orangeHits + " pixels");
    }

    private static void chromium(Path out, Path html, Path stdout, String... what)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("pagepool-chromium");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
            command.addAll(List.of(what));
            command.add(html.toUri().toString());
            ProcessBuilder pb = new ProcessBuilder(command);
            Path log = out.resolve("chromium-charts.log");
            if (stdout == null) {
                pb.redirectErrorStream(true).redirectOutput(log.toFile());
            } else {
                pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish in 120 s; see " + log);
            }
        } finally {
            deleteTree(profile);
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
