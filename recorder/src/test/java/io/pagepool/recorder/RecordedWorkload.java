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

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolListener;
import io.pagepool.pool.PoolStats;
import io.pagepool.pool.WaiveReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;

/**
 * A known workload on one pool, recorded once per test JVM with every pagepool event on (see
 * {@link TestRecordings#allPagepoolEvents}): fast-path churn, a producer thread whose pages the
 * main thread releases (ring traffic), the budget exhausted (slabs mapped, budget waives), a size
 * waive, a page leaked past the leak threshold, a reclaimed-without-release report, a tuner
 * decision, and a close that stalls on the leaked page until it is released. The expected values
 * are the pool's own counters at the end.
 */
final class RecordedWorkload {
    static final int FAST_LOOPS = 2_000;
    static final int PRODUCED = 40;
    static final long SLAB_BYTES = 64 << 10;
    static final long MAX_MEMORY = 256 << 10;
    static final Duration LEAK_THRESHOLD = Duration.ofMillis(300);
    static final long RECLAIMED_AGE_NANOS = 1_234_567_890L;
    static final String RECLAIMED_STACK = "\tat app.Handler.onPacket(Handler.java:42)";

    private static RecordedWorkload instance;

    final Path file;
    final String poolName;
    final PoolStats expected;
    final CacheStats mainCache;
    final long leakedAddress;
    final int leakedGeneration;
    final int budgetWaives;

    private RecordedWorkload(Path file, String poolName, PoolStats expected, CacheStats mainCache,
                             long leakedAddress, int leakedGeneration, int budgetWaives) {
        this.file = file;
        this.poolName = poolName;
        this.expected = expected;
        this.mainCache = mainCache;
        this.leakedAddress = leakedAddress;
        this.leakedGeneration = leakedGeneration;
        this.budgetWaives = budgetWaives;
    }

    /** The workload's recording, made on first use. */
    static synchronized RecordedWorkload get() {
        if (instance == null) {
            try {
                instance = run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    private static RecordedWorkload run() throws IOException, InterruptedException {
        Path file = Files.createTempFile("pagepool-workload", ".jfr");
        file.toFile().deleteOnExit();
        String name = "workload-" + System.nanoTime();
        Duration previousThreshold = LeakDetector.threshold();
        LeakDetector.setThreshold(LEAK_THRESHOLD);
        LeaseTable.maxCapturesPerSecond(1000);
        CountDownLatch stalled = new CountDownLatch(1);
        try (Recording recording = TestRecordings.allPagepoolEvents(Duration.ofMillis(100))) {
            recording.start();
            PagePool pool = PoolRecorder.register(PagePool.builder()
                    .name(name)
                    .pageSize(4096)
                    .slabBytes(SLAB_BYTES)
                    .maxMemoryBytes(MAX_MEMORY)
                    .cacheCapacity(16)
                    .refillBatch(8)
                    .ringCapacity(32)
                    .slabReserve(0)
                    .listener(new PoolEventListener(new PoolListener() { // chained after the recorder's
                        @Override
                        public void closeStalled(PagePool p, long inflight, long parked, long stalledNanos) {
                            stalled.countDown();
                        }
                    }))
                    .warnings(line -> { })
                    .build(), 1);

            awaitCacheStatisticsRuns(1); // JFR picked up the new periods (it polls for setting changes)

            for (int i = 0; i < FAST_LOOPS; i++) {
                ByteBuffer b = pool.allocBuffer(1500);
                b.put(0, (byte) i);
                pool.release(b);
            }

            List<Page> produced = new ArrayList<>();
            CountDownLatch handedOver = new CountDownLatch(1);
            Thread producer = Thread.ofPlatform().name("workload-producer").start(() -> {
                for (int i = 0; i < PRODUCED; i++) {
                    produced.add(pool.alloc());
                }
                handedOver.countDown();
                awaitCacheStatisticsRuns(2); // lives through statistics periods: its cache has events of its own
            });
            if (!handedOver.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the producer did not allocate");
            }
            produced.forEach(Page::release); // released on another thread than the allocating one, at once
            producer.join();

            List<Page> held = new ArrayList<>();
            Page p;
            while ((p = pool.tryAlloc()) != null) {
                held.add(p);
            }
            int budgetWaives = 1;
            if (pool.tryAllocBuffer(100) == null) {
                budgetWaives++;
            }
            held.forEach(Page::release);
            pool.countWaive(WaiveReason.SIZE, 100_000);

            Thread.sleep(5); // let the capture limiter (1000/s) take the leaked lease's stack
            Page leaked = leakOnePage(pool);
            Thread.sleep(LEAK_THRESHOLD.toMillis() + 300); // past the threshold, a few periods

            LeakDetector.reclaimedWithoutRelease(pool, RECLAIMED_AGE_NANOS, RECLAIMED_STACK, 2048);
            CacheStats main = mainCache(pool);
            TunerDecisions.commit(pool, "cacheCapacity", main.cacheId(), 16, 24, "overflow followed by underflow",
                    "underflows=3, overflows=2");
            pool.setCacheCapacity(24);
            Thread.sleep(250); // a few statistics periods with the new capacity
            CacheStats mainAtEnd = mainCache(pool);

            pool.close(); // stalls on the leaked page
            if (!stalled.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("close did not report a stall");
            }
            long address = leaked.address();
            int generation = leaked.generation();
            leaked.release();
            if (!pool.awaitClosed(Duration.ofSeconds(10))) {
                throw new IllegalStateException("pool did not close");
            }
            if (!TestRecordings.await(Duration.ofSeconds(10), () -> !PoolRecorder.isRegistered(pool))) {
                throw new IllegalStateException("a fully closed pool stayed registered");
            }
            PoolStats expected = pool.stats();
            recording.stop();
            recording.dump(file);
            return new RecordedWorkload(file, name, expected, mainAtEnd, address, generation, budgetWaives);
        } finally {
            LeakDetector.setThreshold(previousThreshold);
            LeaseTable.maxCapturesPerSecond(20);
        }
    }

    /** Allocates the page this workload leaks; its allocation stack names this method. */
    private static Page leakOnePage(PagePool pool) {
        return pool.alloc();
    }

    /** Waits until the CacheStatistics hook has run {@code runs} more times (at most 10 s). */
    private static void awaitCacheStatisticsRuns(int runs) {
        long target = PeriodicStatistics.cacheStatisticsRuns() + runs;
        try {
            TestRecordings.await(Duration.ofSeconds(10), () -> PeriodicStatistics.cacheStatisticsRuns() >= target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CacheStats mainCache(PagePool pool) {
        long self = Thread.currentThread().threadId();
        return pool.cacheStats().stream().filter(c -> c.threadId() == self).findFirst().orElseThrow();
    }

}
