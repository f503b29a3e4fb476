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
package io.pagepool.recorder;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application of the forked-JVM tests: a pool registered with the recorder (listener too),
 * some allocations, then one of
 * <ul>
 *   <li>{@code workload MILLIS RUNS} — allocate for MILLIS ms and until the PoolStatistics hook
 *       has run RUNS times (at most 15 s), then return from main (the JVM exits);
 *   <li>{@code record FILE MILLIS} — {@link Recorder#start(Path)} first, allocate for MILLIS ms,
 *       then {@code System.exit(0)} without stopping the recording;
 *   <li>{@code record-and-wait FILE} — {@link Recorder#start(Path)} first, allocate until a whole
 *       statistics period has passed, print READY, then wait to be killed;
 *   <li>{@code steps STEP...} — the steps in order, then return from main (the JVM exits and
 *       JFR writes the recordings still running): {@code register} (the pool, as the agent does
 *       before its recording starts), {@code start=NAME=FILE} ({@link Recorder#start} with the
 *       pagepool settings alone), {@code alloc=N} (N pages allocated and released, one thread),
 *       {@code threads=T=N} (T threads that each allocate and release N pages and end),
 *       {@code stop=NAME} (stop: the file is written), {@code hourly=NAME} (the recording's statistics
 *       period becomes an hour), {@code period} (until a whole timed
 *       statistics period has passed), {@code ready} (print READY, wait for a line on stdin).
 *       It prints {@code allocPages=N} of the pool at the end.
 * </ul>
 */
public final class ForkedRecorderMain {
    static final String POOL_NAME = "forked";

    private ForkedRecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "workload" -> {
                PagePool pool = register();
                allocateFor(pool, Duration.ofMillis(Long.parseLong(args[1])));
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (PeriodicStatistics.poolStatisticsRuns() < Long.parseLong(args[2])
                        && System.nanoTime() - deadline < 0) {
                    allocateFor(pool, Duration.ofMillis(50));
                }
            }
            case "record" -> {
                Recorder.start(Path.of(args[1]));
                allocateFor(register(), Duration.ofMillis(Long.parseLong(args[2])));
                System.exit(0);
            }
            case "record-and-wait" -> {
                Recorder.start(Path.of(args[1]), RecordingOptions.DEFAULTS.withMaxSizeBytes(64L << 20));
                PagePool pool = register();
                long runs = PeriodicStatistics.poolStatisticsRuns();
                while (PeriodicStatistics.poolStatisticsRuns() < runs + 2) { // a whole period of allocations
                    allocateFor(pool, Duration.ofMillis(50));
                }
                System.out.println("READY");
                System.out.flush();
                Thread.sleep(60_000);
                System.exit(3); // not killed in time
            }
            case "steps" -> steps(java.util.Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void steps(String[] steps) throws Exception {
        java.util.Map<String, jdk.jfr.Recording> recordings = new java.util.HashMap<>();
        PagePool pool = null;
        java.io.BufferedReader stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String step : steps) {
            String[] p = step.split("=", 3);
            switch (p[0]) {
                case "register" -> pool = register();
                case "start" -> recordings.put(p[1], Recorder.start(Path.of(p[2]),
                        RecordingOptions.DEFAULTS.withBaseConfiguration("none").withName(p[1])));
                case "alloc" -> allocate(pool, Long.parseLong(p[1]));
                case "threads" -> {
                    PagePool shared = pool;
                    long each = Long.parseLong(p[2]);
                    Thread[] threads = new Thread[Integer.parseInt(p[1])];
                    for (int i = 0; i < threads.length; i++) {
                        threads[i] = Thread.ofPlatform().name("worker-" + i).start(() -> allocate(shared, each));
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                }
                case "stop" -> recordings.get(p[1]).stop();
                case "hourly" -> { // only chunk boundaries commit statistics from now on
                    recordings.get(p[1]).enable(EventNames.POOL_STATISTICS).withPeriod(Duration.ofHours(1));
                    recordings.get(p[1]).enable(EventNames.CACHE_STATISTICS).withPeriod(Duration.ofHours(1));
                }
                case "period" -> {
                    long runs = PeriodicStatistics.poolStatisticsRuns();
                    while (PeriodicStatistics.poolStatisticsRuns() < runs + 2) {
                        Thread.sleep(10);
                    }
                }
                case "ready" -> {
                    System.out.println("READY");
                    System.out.flush();
                    stdin.readLine();
                }
                default -> throw new IllegalArgumentException(step);
            }
        }
        System.out.println("allocPages=" + pool.stats().allocPages());
    }

    private static void allocate(PagePool pool, long pages) {
        for (long i = 0; i < pages; i++) {
            pool.alloc().release();
        }
    }

    private static PagePool register() {
        return PoolRecorder.register(PagePool.builder().name(POOL_NAME).slabBytes(64 << 10)
                .listener(PoolRecorder.listener()).build(), 64);
    }

    private static void allocateFor(PagePool pool, Duration time) throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        Page[] held = new Page[32];
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < held.length; i++) {
                held[i] = pool.alloc();
            }
            for (Page p : held) {
                p.release();
            }
            Thread.sleep(1);
        }
    }
}
