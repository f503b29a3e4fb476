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
package io.pagepool.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.report.JsonParser;
import io.pagepool.report.ReportCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's allocation sites and call sites from a real run: SimNic in TX mode under the agent
 * with {@code jfr=}, whose two sites the agent rewrites (receiveAndDrop scoped; receiveAndTransmit
 * passing its buffer to {@code SimNic$TxRing.put}) and whose allocation samples the recorder
 * takes with their stacks.
 */
class ReportSitesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String TRANSMIT = "SimNic.receiveAndTransmit(int, long, TxRing)";
    private static final String TRANSMIT_FRAME = "io.pagepool.samples.SimNic.receiveAndTransmit";

    @TempDir
    Path dir;

    @Test
    void theReportNamesTheSimNicSitesTheirReasonsTheReleaseLineAndTheirStacks() throws Exception {
        Path jfr = dir.resolve("simnic.jfr");
        Jvm app = Jvm.start(dir, "simnic", Jvm.sample("tune=off,jfr=" + jfr, List.of(), "SimNic", "--mode", "tx",
                "--duration", "2"));
        assertEquals(0, app.waitFor(TIMEOUT), app::err);
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            samples += e.getEventType().getName().equals("io.pagepool.AllocationSample") ? 1 : 0;
        }
        assertTrue(samples > 0, "the agent's recording samples allocations");

        String text = report(jfr, "text");
        assertTrue(text.contains(TRANSMIT), text);
        assertTrue(text.contains("SimNic.receiveAndDrop(int, long)"), text);
        assertTrue(Pattern.compile("passed to SimNic\\.TxRing\\.put \\(line \\d+\\), a method the analysis does not"
                + " look into").matcher(text).find(), "the reason in plain words: " + text);
        assertTrue(text.contains("'-javaagent:pagepool-agent.jar=release=io.pagepool.samples.SimNic$TxRing#put'"),
                "the release= line: " + text);
        assertTrue(text.contains("released where it dies"), "the scoped site: " + text);
        assertFalse(text.contains("(IJ"), "no JVM descriptors: " + text);

        String collapsed = report(jfr, "collapsed");
        Pattern line = Pattern.compile("^(\\S+(?:;\\S+)*) (\\d+)$");
        long sum = 0;
        long transmit = 0;
        for (String l : collapsed.lines().toList()) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "frame;frame count: " + l);
            sum += Long.parseLong(m.group(2));
            assertFalse(l.contains("io.pagepool.agent.") || l.contains("io.pagepool.pool."), "trimmed: " + l);
            transmit += m.group(1).endsWith(";" + TRANSMIT_FRAME) ? Long.parseLong(m.group(2)) : 0;
        }
        assertEquals(samples, sum, "every sample once");
        assertTrue(transmit > 0, "the transmit site allocates: " + collapsed);

        assertTrue(report(jfr, "html").contains("data-n=\"" + TRANSMIT_FRAME + "\""), "the flame graph's frame");

        Object json = JsonParser.parse(report(jfr, "json"));
        Map<?, ?> recording = (Map<?, ?>) ((List<?>) ((Map<?, ?>) json).get("recordings")).getFirst();
        Map<?, ?> site = ((List<?>) ((Map<?, ?>) recording.get("callSites")).get("sites")).stream()
                .map(s -> (Map<?, ?>) s).filter(s -> TRANSMIT.equals(s.get("java"))).findFirst().orElseThrow();
        assertEquals("io.pagepool.samples.SimNic$TxRing#put", site.get("release"));
        double sampled = ((Map<?, ?>) site.get("samplesByPath")).values().stream()
                .mapToDouble(v -> (Double) v).sum();
        assertEquals(transmit, (long) sampled, "the site's samples: those whose allocating frame is its line");
    }

    private Path n(String format) {
        return dir.resolve("report." + format);
    }

    private String report(Path jfr, String format) throws Exception {
        Path out = n(format);
        assertEquals(0, ReportCommand.run(jfr.toString(), "--format", format, "--output", out.toString(), "--quiet"));
        return Files.readString(out);
    }
}
