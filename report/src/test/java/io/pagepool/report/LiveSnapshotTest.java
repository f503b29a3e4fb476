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

import static io.pagepool.report.MiniJson.list;
import static io.pagepool.report.MiniJson.num;
import static io.pagepool.report.MiniJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.recorder.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's live snapshot, for real: a forked JVM records with {@code pagepool.jfc} under the
 * agent's recording name, {@code jcmd PID JFR.dump name=pagepool filename=…} takes a snapshot while
 * it runs (and it keeps running), and {@code report} reads the snapshot.
 */
@Timeout(180)
class LiveSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotOfARunningJvmTakenWithJcmdIsReadByTheReport() throws Exception {
        Path jfc = Recorder.writeJfc(tmp.resolve("pagepool.jfc"));
        Path out = tmp.resolve("live.out");
        Path dump = tmp.resolve("now.jfr");
        String javaHome = System.getProperty("java.home");
        Process app = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:StartFlightRecording=name=pagepool,settings=" + jfc, "-cp", System.getProperty("java.class.path"),
                LiveApp.class.getName())
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("live.err").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("READY") && app.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(app.isAlive() && Files.readString(out).contains("READY"), () -> "the app runs: "
                    + read(tmp.resolve("live.err")));
            Thread.sleep(3_000); // pagepool.jfc records statistics every second: a few in the snapshot

            Process jcmd = new ProcessBuilder(Path.of(javaHome, "bin", "jcmd").toString(), Long.toString(app.pid()),
                    "JFR.dump", "name=pagepool", "filename=" + dump).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("jcmd.out").toFile()).start();
            assertTrue(jcmd.waitFor(90, TimeUnit.SECONDS), "jcmd finished");
            assertEquals(0, jcmd.exitValue(), () -> read(tmp.resolve("jcmd.out")));
            assertTrue(app.isAlive(), "the snapshot does not stop the JVM or its recording");

            Reports text = Reports.run(dump.toString(), "--quiet");
            assertEquals(0, text.exitCode(), text::err);
            assertTrue(text.out().contains("Recording " + dump) && text.out().lines()
                    .anyMatch(l -> l.startsWith("  " + LiveApp.POOL + " ")), text.out());
            Map<String, Object> pool = list(list(Reports.json(dump.toString()), "recordings").getFirst(), "pools")
                    .stream().map(p -> obj(p)).filter(p -> LiveApp.POOL.equals(p.get("name"))).findFirst()
                    .orElseThrow();
            assertTrue(num(pool, "allocations", "pages") > 0 && num(pool, "statisticsEvents") >= 2, pool::toString);
        } finally {
            app.getOutputStream().close(); // the app ends when its stdin closes
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
        assertEquals(0, app.exitValue(), () -> read(tmp.resolve("live.err")));
        assertTrue(Files.readString(out).contains("DONE"));
    }

    private static String read(Path file) {
        try {
            return String.join("\n", Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

}
