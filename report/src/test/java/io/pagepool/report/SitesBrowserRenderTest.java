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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The flame graph and the call-site table in a real headless browser (Debian's chromium), opened
 * at 1,400 pixels with {@code #search=receiveAndTransmit}: the page after its script ran holds the
 * flame graph's frames, the search's matched share (the transmit site's share of the samples) and
 * the site table; the screenshot is not blank and shows the matched frames in the search colour.
 * Skipped without chromium unless {@code PAGEPOOL_REQUIRE_BROWSER=1}, as {@link BrowserRenderTest}.
 * The page, its DOM and the screenshot stay in {@code target/report-browser/}.
 */
class SitesBrowserRenderTest {
    private static final int WIDTH_PX = 1400;

    @Test
    void theFlameGraphSearchesAndTheSiteTableRendersInAHeadlessBrowser() throws IOException, InterruptedException {
        if (!Files.isExecutable(BrowserRenderTest.CHROMIUM)) {
            if ("1".equals(System.getenv("PAGEPOOL_REQUIRE_BROWSER"))) {
                fail(BrowserRenderTest.CHROMIUM + " is missing and PAGEPOOL_REQUIRE_BROWSER=1: apt-get install"
                        + " chromium");
            }
            Assumptions.abort(BrowserRenderTest.CHROMIUM + " is missing: the browser check is skipped");
        }
        SiteWorkload w = SiteWorkload.get();
        Path out = Files.createDirectories(Paths.get("target", "report-browser")).toAbsolutePath();
        Path html = out.resolve("sites.html");
        Path png = out.resolve("sites.png");
        Path dom = out.resolve("sites.dom.html");
        Files.deleteIfExists(png);
        Reports r = Reports.run(w.file.toString(), "--format", "html", "--output", html.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);
        String url = html.toUri() + "#search=receiveAndTransmit";

        chromium(out, List.of("--dump-dom", url), dom);
        String page = Files.readString(dom);
        assertTrue(page.contains("<svg class=\"flame-graph\""), "the flame graph is in the page");
        assertTrue(page.contains("data-n=\"" + SiteWorkload.CLASS + ".receiveAndTransmit\""), "its allocating frame");
        String share = String.format(Locale.ROOT, "%.2f", 100.0 * w.transmitSamples / w.samples);
        assertTrue(page.contains("Matched: " + share + " % of samples"),
                "the script searched on load and shows the transmit site's share " + share + " %: " + excerpt(page));
        assertTrue(page.contains("class=\"fr match\""), "matching frames marked");
        assertTrue(page.contains("<td>SiteWorkload.receiveAndTransmit(PagePool, long, TxRing)</td>"), "the site table");

        chromium(out, List.of("--screenshot=" + png, "--window-size=" + WIDTH_PX + ",6000", url), null);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH_PX, image.getWidth());
        int match = Integer.parseInt(FlameGraph.MATCH_FILL.substring(1), 16);
        Set<Integer> colours = new HashSet<>();
        long matched = 0;
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(c);
                nonWhite += c == 0xFFFFFF ? 0 : 1;
                matched += c == match ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 50, "a rendered page: " + colours.size() + " colours");
        assertTrue(nonWhite > (long) image.getWidth() * image.getHeight() / 50, "not blank: " + nonWhite);
        assertTrue(matched > 200, "the matched frames drawn in " + FlameGraph.MATCH_FILL + ": " + matched + " pixels");
    }

    private static String excerpt(String page) {
        int at = page.indexOf("flame-match");
        return at < 0 ? "(no flame-match)" : page.substring(at, Math.min(page.length(), at + 200));
    }

    /** Runs chromium headless with {@code args}; its stdout to {@code stdout} when not null. */
    private static void chromium(Path out, List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("pagepool-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(BrowserRenderTest.CHROMIUM.toString(), "--headless",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--user-data-dir=" + profile));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command);
            Path log = out.resolve("sites-chromium.log");
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
            assertEquals(0, p.exitValue(), () -> "chromium failed; see " + log);
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
