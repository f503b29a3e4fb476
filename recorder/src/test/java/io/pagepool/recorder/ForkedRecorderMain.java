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
 *       statistics period has passed, print READY, then wait to be killed.
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
            default -> throw new IllegalArgumentException(args[0]);
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
