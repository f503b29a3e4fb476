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

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-site adaptive pooling in a forked JVM ({@code itapp.SiteModesMain}): a site whose buffers
 * escape and are dropped while the pool fills goes to the JDK, comes back when re-probed, and stays
 * pooled once its buffers are released explicitly; every decision is a {@code SiteDecision} event
 * in the recording (read with {@link RecordingFile}) and a debug line; no page is lost or handed to
 * two holders (stamps, the pool's audit). Pins hold a site either way.
 */
class SiteModesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final String APP = "io.pagepool.itapp.SiteModesMain";
    /** Periods of 250 ms: the first re-probe comes after 1 s at the JDK. */
    private static final String BASE_OPTIONS = "tuneInterval=250ms,maxMemory=8m,log=debug";

    @TempDir
    Path dir;

    @Test
    void aSiteGoesToTheJdkWhileItsPagesPileUpAndComesBackWhenReleasedExplicitly() throws Exception {
        Path jfr = dir.resolve("adaptive.jfr");
        Jvm app = run("adaptive", BASE_OPTIONS + ",jfr=" + jfr, "adaptive");
        String out = app.out();
        assertTrue(Long.parseLong(value(out, "SWITCHED_TO_JDK")) > 0, "switched to the JDK: " + out + app.err());
        assertTrue(Long.parseLong(value(out, "JDK_MODE_CALLS")) > 0, "served by the JDK: " + out + app.err());
        assertTrue(Long.parseLong(value(out, "SWITCHED_BACK")) >= 0, "re-probed: " + out + app.err());
        assertEquals("true", value(out, "STAYED_POOLED"), out + app.err());
        assertTrue(Long.parseLong(value(out, "RELEASED_AFTER_PROBE")) > 0, "pooled and released: " + out);
        assertSound(out, app.err());

        List<RecordedEvent> decisions = events(jfr, "io.pagepool.SiteDecision");
        assertTrue(decisions.size() >= 2, "decisions: " + decisions);
        RecordedEvent toJdk = decisions.get(0);
        RecordedEvent back = decisions.get(1);
        assertEquals("POOLED", toJdk.getString("before"));
        assertEquals("JDK", toJdk.getString("after"));
        assertTrue(toJdk.getString("reason").contains("only through reachability while the pool filled"),
                toJdk.getString("reason"));
        assertTrue(toJdk.getLong("served") > 0 && toJdk.getLong("inFlight") > 0, toJdk.toString());
        assertEquals(0, toJdk.getLong("returnedApi"), "nothing came back explicitly before: " + toJdk);
        assertEquals("JDK", back.getString("before"));
        assertEquals("POOLED", back.getString("after"));
        assertTrue(back.getString("reason").startsWith("re-probe after "), back.getString("reason"));
        assertTrue(back.getLong("jdkServed") > 0, "the JDK served the site meanwhile: " + back);
        for (RecordedEvent e : decisions) {
            assertEquals(APP, e.getString("className"));
            assertEquals("allocate(J)Ljava/nio/ByteBuffer;", e.getString("method"));
            assertTrue(e.getString("site").startsWith(APP + ".allocate(long) line " + e.getInt("line")),
                    e.getString("site"));
        }
        RecordedEvent verdict = events(jfr, "io.pagepool.ScopeVerdict").stream()
                .filter(e -> e.getString("className").equals(APP) && e.getString("method").startsWith("allocate("))
                .findFirst().orElseThrow();
        assertEquals(verdict.getInt("line"), toJdk.getInt("line"), "the same site as its ScopeVerdict");
        assertEquals(verdict.getString("method"), toJdk.getString("method"));
        List<RecordedEvent> statistics = events(jfr, "io.pagepool.SiteStatistics").stream()
                .filter(e -> e.getString("className").equals(APP)).toList();
        assertFalse(statistics.isEmpty(), "SiteStatistics events");
        RecordedEvent last = statistics.get(statistics.size() - 1);
        assertEquals("POOLED", last.getString("mode"));
        assertTrue(last.getLong("returnedApi") > 0 && last.getLong("returnedReachability") > 0, last.toString());

        String err = app.err();
        assertTrue(err.contains("site " + APP + ".allocate(long) line " + toJdk.getInt("line") + ": POOLED -> JDK: "
                + "pages come back only through reachability"), err);
        assertTrue(err.contains(": JDK -> POOLED: re-probe after"), err);
        assertTrue(Pattern.compile("(?m)^pagepool:   POOLED " + Pattern.quote(APP) + "\\.allocate\\(long\\) line \\d+"
                + ": pooled [1-9]\\d*, JDK [1-9]\\d*, ").matcher(err).find(), "sites in the exit summary: " + err);
    }

    @Test
    void aSitePinnedToTheJdkIsNeverPooled() throws Exception {
        Path jfr = dir.resolve("jdk.jfr");
        Jvm app = run("pinned-jdk", BASE_OPTIONS + ",jfr=" + jfr + ",site=" + APP + ".allocate=jdk", "escape", "1");
        String out = app.out();
        assertEquals("JDK", value(out, "MODE"));
        assertEquals("0", value(out, "SERVED"), out);
        assertNotEquals("0", value(out, "JDK_SERVED"), out);
        assertSound(out, app.err());
        List<RecordedEvent> decisions = events(jfr, "io.pagepool.SiteDecision");
        assertEquals(1, decisions.size(), decisions::toString);
        assertEquals("pinned by option", decisions.get(0).getString("reason"));
        assertEquals("JDK", decisions.get(0).getString("after"));
    }

    @Test
    void aSitePinnedToThePoolStaysPooledWhileItsPagesPileUp() throws Exception {
        Path jfr = dir.resolve("pool.jfr");
        Jvm app = run("pinned-pool", BASE_OPTIONS + ",jfr=" + jfr + ",site=" + APP + ".allocate:"
                + allocateLine() + "=pool", "escape", "3");
        String out = app.out();
        assertEquals("POOLED", value(out, "MODE"), out + app.err());
        assertNotEquals("0", value(out, "SERVED"), out);
        assertSound(out, app.err());
        assertTrue(app.err().contains("(pinned) " + APP + ".allocate(long)"), app.err());
        assertEquals(List.of(), events(jfr, "io.pagepool.SiteDecision"), "no decision for a pinned site");
    }

    /** The site's source line, from an unpinned run's recording. */
    private int allocateLine() throws Exception {
        Path jfr = dir.resolve("line.jfr");
        run("line", "tune=off,jfr=" + jfr, "escape", "0");
        return events(jfr, "io.pagepool.ScopeVerdict").stream()
                .filter(e -> e.getString("className").equals(APP) && e.getString("method").startsWith("allocate("))
                .findFirst().orElseThrow().getInt("line");
    }

    private static void assertSound(String out, String err) {
        assertEquals("0", value(out, "CORRUPT"), "a page handed to two holders: " + out);
        assertEquals("0", value(out, "POOLED_WHILE_JDK"), "a pooled buffer while the site was at the JDK: " + out);
        assertEquals("true", value(out, "ALL_BACK"), "every page of the site came back: " + out);
        assertEquals("0", value(out, "IN_FLIGHT"), out);
        assertEquals(value(out, "SERVED"), value(out, "RETURNED"), "each page returned once: " + out);
        assertEquals("true []", value(out, "AUDIT_CONSISTENT"), out);
        assertEquals("0", value(out, "DOUBLE_RETURNS"), out);
        assertEquals("true", value(out, "FREE_PAGES_ALL_MAPPED"), "no page lost: " + out);
        assertEquals("0", value(out, "POOL_IN_FLIGHT"), out);
        assertFalse(err.contains("Exception"), err);
    }

    private Jvm run(String name, String options, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jvm.JAVA.toString(), "-Xmx64m",
                "-javaagent:" + Jvm.agentJar() + "=" + options, "-cp", Path.of("target/test-classes").toString(),
                APP));
        command.addAll(List.of(args));
        Jvm app = Jvm.start(dir, name, command);
        assertEquals(0, app.waitFor(TIMEOUT), app::err);
        return app;
    }

    private static String value(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(out);
        assertTrue(m.find(), "no " + key + "= in " + out);
        return m.group(1);
    }

    private static List<RecordedEvent> events(Path file, String name) throws Exception {
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(name)) {
                events.add(e);
            }
        }
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        return events;
    }
}
