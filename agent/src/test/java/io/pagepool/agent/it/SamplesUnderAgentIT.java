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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unmodified samples in forked JVMs with {@code -javaagent}: call sites rewritten (the pool
 * counts them; without the agent nothing is counted), payloads intact under load (UdpLoad checks
 * a checksum on every echo; SimNic checks every packet), a JFR recording readable by {@code jfr}.
 */
class SamplesUnderAgentIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Runs UdpEchoServer (agent options, or null for none) under 2 s of UdpLoad; returns the server. */
    private Jvm echoUnderLoad(String agentOptions, List<String> jvmFlags) throws Exception {
        return echoUnderLoad(agentOptions, jvmFlags, 2048);
    }

    /** {@link #echoUnderLoad(String, List)} with a receive buffer of {@code receiveBytes} per datagram. */
    private Jvm echoUnderLoad(String agentOptions, List<String> jvmFlags, int receiveBytes) throws Exception {
        Jvm server = Jvm.start(dir, "server", Jvm.sample(agentOptions, jvmFlags, "UdpEchoServer",
                "--port", "0", "--threads", "2", "--size", Integer.toString(receiveBytes), "--duration", "6"));
        String port = server.awaitOut("UdpEchoServer listening on 127\\.0\\.0\\.1:(\\d+)", TIMEOUT);
        Jvm load = Jvm.start(dir, "load", Jvm.sample(null, List.of(), "UdpLoad", "--target", "127.0.0.1:" + port,
                "--threads", "2", "--size", "1400", "--duration", "2"));
        assertEquals(0, load.waitFor(TIMEOUT), () -> "UdpLoad failed (3 = corrupt payload): " + load.out()
                + load.err());
        assertEquals("0", Jvm.field(load.out(), "RESULT load", "corrupt"));
        long received = Long.parseLong(Jvm.field(load.out(), "RESULT load", "received"));
        assertTrue(received > 100, load.out());
        assertEquals(0, server.waitFor(TIMEOUT), server::err);
        assertTrue(Long.parseLong(Jvm.field(server.out(), "RESULT server", "echoed")) >= received, server.out());
        return server;
    }

    @Test
    void udpEchoUnderTheAgentServesEveryPacketFromThePool() throws Exception {
        Path jfr = dir.resolve("echo.jfr");
        Jvm server = echoUnderLoad("log=debug,tune=off,jfr=" + jfr, List.of());
        String err = server.err();
        assertTrue(err.contains("pagepool: scoped site io.pagepool.samples.UdpEchoServer.echoOne("), err);
        long echoed = Long.parseLong(Jvm.field(server.out(), "RESULT server", "echoed"));
        assertTrue(Jvm.servedByPool(err) >= echoed, err);
        assertEquals("0", Jvm.field(server.out(), "RESULT server", "directPeakBytes"),
                "no JDK direct buffer: every packet buffer came from the pool");
        assertTrue(Files.size(jfr) > 0, "recording written at exit");
        Process summary = new ProcessBuilder(Jvm.JAVA.resolveSibling("jfr").toString(), "summary", jfr.toString())
                .redirectErrorStream(true).start();
        String text = new String(summary.getInputStream().readAllBytes());
        assertEquals(0, summary.waitFor(), text);
        assertTrue(text.contains("io.pagepool.PoolStatistics"), text);
        assertTrue(text.contains("jdk.GarbageCollection") || text.contains("jdk.GCHeapSummary"), text);
    }

    /**
     * The analysis checked at run time: with {@code scopeCheck=on} each scoped buffer's memory is
     * freed at its release point, so a buffer used after it would throw in the server (and
     * UdpLoad would see lost or corrupt echoes). Every packet buffer is scoped and released once.
     */
    @Test
    void scopedReleaseIsSoundUnderLoadWithDyingViews() throws Exception {
        Jvm server = echoUnderLoad("tune=off,scopeCheck=on", List.of());
        String err = server.err();
        assertFalse(err.contains("Exception"), err);
        long echoed = Long.parseLong(Jvm.field(server.out(), "RESULT server", "echoed"));
        // with scopeCheck=on scoped buffers are not the pool's pages: the summary counts them apart
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("scopeCheck=on: (\\d+) scoped buffers had arenas"
                + " of their own").matcher(err);
        assertTrue(m.find(), err);
        assertTrue(Long.parseLong(m.group(1)) >= echoed, "every echoed packet's buffer released scoped: " + err);
        assertTrue(err.contains("1 scoped"), err);
        Jvm nic = Jvm.start(dir, "simnic-checked", Jvm.sample("tune=off,scopeCheck=on", List.of(), "SimNic",
                "--mode", "drop", "--duration", "2"));
        assertEquals(0, nic.waitFor(TIMEOUT), () -> nic.out() + nic.err());
        assertEquals("0", Jvm.field(nic.out(), "RESULT simnic", "bad"));
        assertFalse(nic.err().contains("Exception"), nic.err());
    }

    @Test
    void withoutTheAgentNothingIsPooled() throws Exception {
        Jvm server = echoUnderLoad(null, List.of());
        assertFalse(server.err().contains("pagepool"), server.err());
        assertTrue(Long.parseLong(Jvm.field(server.out(), "RESULT server", "directBuffers")) > 0,
                "the JDK served the buffers");
    }

    /** The agent's {@code summary=} figures. */
    private static Properties figures(Path file) throws IOException {
        Properties figures = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            figures.load(in);
        }
        return figures;
    }

    /** Buffers the agent handed out, from the pool or, waived, from the JDK. */
    private static long allocationsCounted(Properties figures) {
        return Long.parseLong(figures.getProperty("servedFromPool"))
                + Long.parseLong(figures.getProperty("servedByJdk"));
    }

    /**
     * The TCP sample (a 16 KiB direct buffer per read, the way selector loops are written) under
     * the agent: every byte of every message comes back as sent, and the agent counts each read's
     * buffer once, from the pool or waived to the JDK (which of the two depends on the pool's
     * sizes, so only their sum is checked). Messages of 20,000 bytes span two reads each.
     */
    @Test
    void tcpEchoWithABufferPerReadKeepsEveryByteAndEveryBufferIsCounted() throws Exception {
        Path summary = dir.resolve("tcp.summary");
        Jvm server = Jvm.start(dir, "tcp-server", Jvm.sample("tune=off,log=debug,summary=" + summary, List.of(),
                "TcpEchoServer", "--port", "0", "--duration", "6"));
        String port = server.awaitOut("TcpEchoServer listening on 127\\.0\\.0\\.1:(\\d+)", TIMEOUT);
        Jvm load = Jvm.start(dir, "tcp-load", Jvm.sample(null, List.of(), "TcpLoad", "--target", "127.0.0.1:" + port,
                "--connections", "4", "--size", "20000", "--duration", "2"));
        assertEquals(0, load.waitFor(TIMEOUT), () -> "TcpLoad failed (3 = corrupt echo): " + load.out() + load.err());
        assertEquals("0", Jvm.field(load.out(), "RESULT tcpload", "corrupt"));
        assertEquals("true", Jvm.field(load.out(), "RESULT tcpload", "crcMatch"));
        long messages = Long.parseLong(Jvm.field(load.out(), "RESULT tcpload", "messages"));
        assertTrue(messages > 100, load.out());
        assertEquals(0, server.waitFor(TIMEOUT), server::err);
        long reads = Long.parseLong(Jvm.field(server.out(), "RESULT server", "reads"));
        assertEquals(messages * 20000, Long.parseLong(Jvm.field(server.out(), "RESULT server", "echoedBytes")),
                server.out());
        assertTrue(reads >= 2 * messages, "a 16 KiB buffer reads at most 16 KiB: " + server.out());
        String err = server.err();
        assertTrue(err.contains("io.pagepool.samples.TcpEchoServer.read(Ljava/nio/channels/SelectionKey;I)V"),
                "the read handler's site rewritten: " + err);
        assertEquals(reads, allocationsCounted(figures(summary)), "one counted buffer per read: " + err);
    }

    /**
     * UdpEchoServer with 64 KiB receive buffers, as much UDP code allocates (the largest
     * datagram): payloads intact, every buffer counted once (pool or JDK), at most one per
     * worker more than the datagrams echoed (the receive the shutdown interrupted).
     */
    @Test
    void udpEchoWith64KiBReceiveBuffersKeepsEveryPayloadAndCountsEveryBuffer() throws Exception {
        Path summary = dir.resolve("udp64k.summary");
        Jvm server = echoUnderLoad("tune=off,summary=" + summary, List.of(), 65536);
        long echoed = Long.parseLong(Jvm.field(server.out(), "RESULT server", "echoed"));
        long counted = allocationsCounted(figures(summary));
        assertTrue(counted >= echoed && counted <= echoed + 2, "counted " + counted + ", echoed " + echoed
                + ": " + server.err());
    }

    @Test
    void simNicDropAndTxKeepEveryPacketIntact() throws Exception {
        for (String mode : List.of("drop", "tx")) {
            Jvm nic = Jvm.start(dir, "simnic-" + mode, Jvm.sample("tune=off", List.of(), "SimNic", "--mode", mode,
                    "--duration", "2"));
            assertEquals(0, nic.waitFor(TIMEOUT), () -> mode + ": " + nic.out() + nic.err());
            assertEquals("0", Jvm.field(nic.out(), "RESULT simnic", "bad"), mode);
            long packets = Long.parseLong(Jvm.field(nic.out(), "RESULT simnic", "packets"));
            long served = Jvm.servedByPool(nic.err());
            assertTrue(served > 0 && served <= packets, mode + ": served " + served + " of " + packets);
        }
    }

    @Test
    void theSummaryFileHoldsTheExitLinesFigures() throws Exception {
        Path file = dir.resolve("nic.summary");
        Jvm nic = Jvm.start(dir, "summary", Jvm.sample("tune=off,summary=" + file, List.of(), "SimNic",
                "--duration", "1"));
        assertEquals(0, nic.waitFor(TIMEOUT), nic.err());
        Properties figures = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            figures.load(in);
        }
        List<String> keys = new ArrayList<>(List.of("sitesRewritten", "classesRewritten", "scopedSites",
                "classesChecked", "transformMillis", "classesSkipped", "loadersSkipped", "poolCounted",
                "servedFromPool", "servedByJdk", "jdkTooLarge", "jdkBudget", "jdkClosed", "jdkEmpty", "jdkSiteMode",
                "scopeCheck", "releasedScoped", "releasedMethod", "releasedApi", "releasedCleaner", "releasedRecipe",
                "releasedUnreachable", "releasesIgnored", "fastPathRatio", "bytesMapped"));
        for (String sizeClass : List.of("1k", "2k", "4k", "8k", "16k", "32k", "64k")) {
            for (String figure : List.of("servedFromPool.", "jdkBudget.", "pagesMapped.", "bytesMapped.")) {
                keys.add(figure + sizeClass);
            }
        }
        assertEquals(keys,
                Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).map(l -> l.split("=")[0]).toList());
        long served = Jvm.servedByPool(nic.err());
        assertTrue(served > 0, nic.err());
        assertEquals(Long.toString(served), figures.getProperty("servedFromPool"), "one snapshot for line and file");
        assertTrue(Long.parseLong(figures.getProperty("releasedScoped")) > 0, figures::toString);
        assertTrue(Long.parseLong(figures.getProperty("bytesMapped")) > 0, figures::toString);
        assertEquals(figures.getProperty("servedFromPool"), figures.getProperty("servedFromPool.2k"),
                "SimNic's 2048-byte buffers: all from the 2 KiB class");
    }
}
