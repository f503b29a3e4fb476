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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.recorder.EventNames;
import io.pagepool.recorder.PoolRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocation sites (top stacks, flame graph, collapsed stacks) and the call sites (verdict,
 * reason, figures, suggested action) of {@link SiteWorkload}'s recording, in every format.
 */
class SiteReportTest {
    private static final Pattern COLLAPSED_LINE = Pattern.compile("^(\\S+(?:;\\S+)*) (\\d+)$");
    private static final String TRANSMIT_JAVA = "SiteWorkload.receiveAndTransmit(PagePool, long, TxRing)";
    private static final String DROP_JAVA = "SiteWorkload.receiveAndDrop(PagePool, long)";
    private static final String KEEP_JAVA = "SiteWorkload.receiveAndKeep(PagePool)";

    private static String report(String format, String... more) {
        SiteWorkload w = SiteWorkload.get();
        String[] args = new String[more.length + 4];
        args[0] = w.file.toString();
        System.arraycopy(more, 0, args, 1, more.length);
        args[more.length + 1] = "--format";
        args[more.length + 2] = format;
        args[more.length + 3] = "--quiet";
        Reports r = Reports.run(args);
        assertEquals(0, r.exitCode(), r::err);
        return r.out();
    }

    private static Map<String, Object> site(Object recording, String javaName) {
        return MiniJson.list(recording, "callSites", "sites").stream().map(MiniJson::obj)
                .filter(s -> javaName.equals(s.get("java"))).findFirst().orElseThrow(() -> new AssertionError(
                        "no site " + javaName + " in " + MiniJson.obj(recording).get("callSites")));
    }

    @Test
    void collapsedStacksParseAddUpToTheSamplesAndEndAtTheAllocatingMethod() {
        SiteWorkload w = SiteWorkload.get();
        assertTrue(w.transmitSamples > 0 && w.dropSamples > 0, "the workload's sites were sampled: " + w.transmitSamples
                + ", " + w.dropSamples);
        String out = report("collapsed");
        long sum = 0;
        long transmit = 0;
        for (String line : out.lines().toList()) {
            Matcher m = COLLAPSED_LINE.matcher(line);
            assertTrue(m.matches(), "frame;frame;frame count: " + line);
            long count = Long.parseLong(m.group(2));
            sum += count;
            List<String> frames = List.of(m.group(1).split(";"));
            assertFalse(frames.stream().anyMatch(f -> f.startsWith("io.pagepool.pool.")
                    || f.startsWith("io.pagepool.recorder.")), "pagepool's own frames are trimmed: " + line);
            if (frames.getLast().equals(SiteWorkload.CLASS + ".receiveAndTransmit")) {
                transmit += count;
                assertTrue(frames.indexOf(SiteWorkload.CLASS + ".record") < frames.size() - 1, "root first: " + line);
            }
        }
        assertEquals(w.samples, sum, "every sample once");
        assertEquals(w.transmitSamples, transmit, "the transmit site's samples, allocating frame last");
    }

    @Test
    void theTextReportShowsTheTopStacksWithTheirPathsAndSizeClass() {
        SiteWorkload w = SiteWorkload.get();
        String text = report("text");
        int section = text.indexOf("\nAllocation sites\n");
        assertTrue(section > 0, text);
        String part = text.substring(section, text.indexOf("\nCall sites\n"));
        assertTrue(part.contains(Units.plural(w.samples, "allocation sample")), part);
        String row = part.lines().filter(l -> l.contains(TRANSMIT_JAVA + " line " + SiteWorkload.transmitLine()))
                .findFirst().orElseThrow(() -> new AssertionError(part));
        assertTrue(row.contains("4.0 KiB"), "the size class: " + row);
        assertTrue(part.contains("at " + TRANSMIT_JAVA + " line " + SiteWorkload.transmitLine()), "a stack: " + part);
        assertTrue(part.contains("at SiteWorkload.record() line"), "its caller below it: " + part);
    }

    @Test
    void theHtmlReportHasASelfContainedSearchableFlameGraphWithTheAllocatingMethod() {
        String html = report("html");
        assertTrue(html.contains("<svg class=\"flame-graph\""), "the flame graph");
        assertTrue(html.contains("data-n=\"" + SiteWorkload.CLASS + ".receiveAndTransmit\""), "the allocating method");
        assertTrue(html.contains("data-n=\"" + SiteWorkload.CLASS + ".receiveAndDrop\""), "the other one");
        assertTrue(html.contains("<input type=\"search\""), "a search box");
        assertFalse(html.contains(" src=") || html.contains("url(") || html.contains("@import"),
                "nothing loaded from anywhere");
        assertTrue(html.contains("<td>" + HtmlRenderer.escape(TRANSMIT_JAVA) + "</td>"), "the site table");
    }

    @Test
    void theSiteTableNamesEachSiteWithItsReasonAndTheReleaseLineToAdd() {
        for (String format : List.of("text", "markdown", "html")) {
            String out = report(format);
            String plain = format.equals("markdown") ? out.replace("\\", "") : out.replace("&#39;", "'");
            assertTrue(plain.contains(TRANSMIT_JAVA), format + ": " + out);
            assertTrue(plain.contains("passed to SiteWorkload.TxRing.put (line " + SiteWorkload.putLine()
                    + "), a method the analysis does not look into"), format + ": the reason in plain words");
            assertTrue(plain.contains("'-javaagent:pagepool-agent.jar=release=io.pagepool.report.SiteWorkload$TxRing"
                    + "#put'"), format + ": the release= line, quoted for the $");
            assertTrue(plain.contains(DROP_JAVA) && plain.contains("released where it dies"), format + ": scoped");
            assertTrue(plain.contains(KEEP_JAVA), format);
            assertTrue(plain.contains("do not add release=io.pagepool.report.SiteWorkload#keep: the analysis sees keep"
                    + " keep the buffer (stored to field io.pagepool.report.SiteWorkload.kept (line "
                    + SiteWorkload.keepStoreLine() + "))"), format + ": the warning");
            assertFalse(plain.contains("release=io.pagepool.report.SiteWorkload#keep'")
                    || plain.contains("jar=release=io.pagepool.report.SiteWorkload#keep"), "no release= for keep");
            assertTrue(plain.contains(SiteWorkload.DECISION_REASON), format + ": the decision");
            assertFalse(plain.contains("(IJ") || plain.contains("Lio/pagepool"), format + ": no descriptors");
        }
    }

    @Test
    void theJsonHasEachSitesLatestFiguresSamplesAndDecisions() {
        SiteWorkload w = SiteWorkload.get();
        Object rec = MiniJson.list(Reports.json(w.file.toString()), "recordings").getFirst();
        Map<String, Object> transmit = site(rec, TRANSMIT_JAVA);
        assertEquals(SiteWorkload.CLASS, transmit.get("className"));
        assertEquals(SiteWorkload.TRANSMIT, transmit.get("method"));
        assertEquals(SiteWorkload.transmitLine(), MiniJson.num(transmit, "line"));
        assertEquals("unreachable", transmit.get("verdict"));
        assertEquals("io.pagepool.report.SiteWorkload$TxRing#put", transmit.get("release"));
        assertEquals("JDK", transmit.get("mode"));
        for (int i = 0; i < CallSites.FIGURES.size(); i++) {
            assertEquals(SiteWorkload.TRANSMIT_FIGURES[i], MiniJson.num(transmit, "pages", CallSites.FIGURES.get(i)),
                    CallSites.FIGURES.get(i));
        }
        long sampled = MiniJson.obj(transmit, "samplesByPath").values().stream().mapToLong(v -> (long) (double) v)
                .sum();
        assertEquals(w.transmitSamples, sampled, "samples whose allocating frame is the site");
        List<Object> decisions = MiniJson.list(transmit, "decisions");
        assertEquals(1, decisions.size());
        assertEquals("POOLED", MiniJson.str(decisions.getFirst(), "before"));
        assertEquals("JDK", MiniJson.str(decisions.getFirst(), "after"));

        Map<String, Object> drop = site(rec, DROP_JAVA);
        assertEquals("scoped", drop.get("verdict"));
        assertNull(drop.get("action"));
        for (int i = 0; i < CallSites.FIGURES.size(); i++) {
            assertEquals(SiteWorkload.DROP_FIGURES[i], MiniJson.num(drop, "pages", CallSites.FIGURES.get(i)),
                    "the latest SiteStatistics: " + CallSites.FIGURES.get(i));
        }
        Map<String, Object> keep = site(rec, KEEP_JAVA);
        assertNull(keep.get("release"));
        assertTrue(MiniJson.str(keep, "warning").contains("keep the buffer"));
        assertNull(keep.get("pages"), "no figures without SiteStatistics or SiteDecision");

        long stacked = MiniJson.list(rec, "allocationSites", "stacks").stream()
                .mapToLong(s -> MiniJson.num(s, "samples")).sum();
        assertEquals(w.samples, stacked + MiniJson.num(rec, "allocationSites", "otherStacks")
                + MiniJson.num(rec, "allocationSites", "withoutStack"));
    }

    @Test
    void theCombinedViewAddsUpTheFiguresOfEachProcess() {
        SiteWorkload w = SiteWorkload.get();
        Object combined = MiniJson.obj(Reports.json(w.file.toString(), w.file.toString())).get("combined");
        Map<String, Object> transmit = site(combined, TRANSMIT_JAVA);
        assertEquals(2 * SiteWorkload.TRANSMIT_FIGURES[0], MiniJson.num(transmit, "pages", "served"));
        assertEquals(2 * w.samples, MiniJson.num(combined, "allocationSites", "samples"));
        String collapsed = report("collapsed", w.file.toString());
        long sum = collapsed.lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertEquals(2 * w.samples, sum, "collapsed stacks of several files: their combined view");
    }

    @Test
    void theJsonWithSitesValidatesAgainstTheSchema() throws IOException {
        SiteWorkload w = SiteWorkload.get();
        Object doc = Reports.json(w.file.toString(), w.file.toString());
        assertEquals(List.of(), MiniSchema.validate(JsonSchemaTest.schema(), doc));
        Map<String, Object> site = MiniJson.obj(MiniJson.list(MiniJson.list(doc, "recordings").getFirst(), "callSites",
                "sites").getFirst());
        site.put("verdict", "maybe");
        assertTrue(MiniSchema.validate(JsonSchemaTest.schema(), doc).stream().anyMatch(e -> e.contains("maybe")),
                "the schema constrains the new sections");
    }

    @Test
    void collapsedStacksOfARecordingWithoutSamplesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("no-samples.jfr");
        Map<String, String> settings = ReportWorkload.settings();
        settings.put(EventNames.ALLOCATION_SAMPLE + "#enabled", "false");
        try (Recording recording = new Recording(settings)) {
            recording.start();
            PagePool pool = PoolRecorder.register(PagePool.builder().name("unsampled").listener(PoolRecorder.listener())
                    .warnings(line -> { }).build());
            for (int i = 0; i < 5000; i++) {
                pool.alloc().release();
            }
            PoolRecorder.unregister(pool);
            pool.close();
            recording.stop();
            recording.dump(file);
        }
        Reports r = Reports.run(file.toString(), "--format", "collapsed", "--quiet");
        assertEquals(ReportCommand.BAD_INPUT, r.exitCode(), r::out);
        assertTrue(r.err().contains("has no io.pagepool.AllocationSample events"), r.err());
        assertEquals("", r.out());
        Reports text = Reports.run(file.toString(), "--quiet");
        assertTrue(text.out().contains("No allocation samples: io.pagepool.AllocationSample"), text.out());
    }

    @Test
    void aRecordingWithoutSiteEventsSaysWhereTheyComeFrom() {
        Reports r = Reports.run(ReportWorkload.get().first.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r::err);
        assertTrue(r.out().contains("No call sites: the agent emits io.pagepool.ScopeVerdict"), r.out());
    }
}
