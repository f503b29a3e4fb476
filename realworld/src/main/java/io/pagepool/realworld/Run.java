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
package io.pagepool.realworld;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One whole-process run of a target: its server forked (without or with the agent), single
 * echoes until one comes back, a short warm-up, the measured load, the server stopped, and what
 * it and the agent printed at exit.
 *
 * @param target what ran
 * @param agent whether the agent was on
 * @param load what the load generator saw in the measured part
 * @param cpuNanos the server's CPU time during the measured part, or negative when unreadable
 * @param exitStatus the server's exit status (-1: killed after a timeout)
 * @param server the server process, finished, for its RESULT line and logs
 * @param summary the agent's exit summary and error lines
 */
public record Run(Target target, boolean agent, LoadResult load, long cpuNanos, int exitStatus,
        ServerProcess server, AgentSummary summary) {
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_MILLIS = 30_000;

    /**
     * Runs {@code target} once.
     *
     * @param target what to run
     * @param classpath the targets' runtime classpath
     * @param agentJar the agent jar, or null for the JDK alone
     * @param agentOptions the agent's options, or empty
     * @param dir where the server's logs go
     * @param name the logs' base name
     * @param warmupSeconds load before the measured part (not counted)
     * @param seconds the measured load's time bound
     * @param maxEchoes the measured load's count bound
     * @return what happened
     * @throws IOException when the server does not start or a TCP client fails
     * @throws InterruptedException when interrupted
     */
    public static Run once(Target target, String classpath, Path agentJar, String agentOptions, Path dir,
            String name, double warmupSeconds, double seconds, long maxEchoes)
            throws IOException, InterruptedException {
        ServerProcess server = ServerProcess.start(target, classpath, agentJar, agentOptions, dir, name);
        try {
            int port = server.awaitPort(START_TIMEOUT_MILLIS);
            awaitFirstEcho(target, port);
            if (warmupSeconds > 0) {
                load(target, port, warmupSeconds, Long.MAX_VALUE).run();
            }
            long cpuBefore = server.cpuNanos();
            LoadResult load = load(target, port, seconds, maxEchoes).run();
            long cpuAfter = server.cpuNanos();
            int status = server.stop(STOP_TIMEOUT_MILLIS);
            long cpu = cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : -1;
            return new Run(target, agentJar != null, load, cpu, status, server, AgentSummary.parse(server.err()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.kill();
            throw e;
        }
    }

    /** Single echoes until one comes back: a cold server (class loading, JIT) is not measured. */
    private static void awaitFirstEcho(Target target, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000L;
        while (new EchoLoad(target.protocol(), port, target.payloadBytes(), 1, 1, 1, 1).run().received() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(target.name() + ": no echo within " + START_TIMEOUT_MILLIS + " ms");
            }
        }
    }

    private static EchoLoad load(Target target, int port, double seconds, long maxEchoes) {
        return new EchoLoad(target.protocol(), port, target.payloadBytes(), 2, 16, seconds, maxEchoes);
    }

    /** The server's CPU time per intact echo in microseconds, or NaN when unknown. */
    public double cpuMicrosPerEcho() {
        return cpuNanos >= 0 && load.received() > 0 ? cpuNanos / 1e3 / load.received() : Double.NaN;
    }
}
