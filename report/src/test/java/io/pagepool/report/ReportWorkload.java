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

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.pool.WaiveReason;
import io.pagepool.recorder.EventNames;
import io.pagepool.recorder.LeakDetector;
import io.pagepool.recorder.PoolRecorder;
import io.pagepool.recorder.Recorder;
import io.pagepool.recorder.TunerDecisions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Real recordings made once per test JVM, the expected values being the pools' own counters:
 *
 * <ul>
 *   <li>{@link #first}: pools {@code rx} and {@code tx} (both allocating in 12 intervals or more, tx 12,000
 *       pages); two worker threads whose bursts overflow and
 *       underflow their caches, a producer whose pages a consumer thread releases (ring traffic, the
 *       ring fills), the budget spent (budget waives) and a size waive, two tuner decisions that
 *       move knobs, a leaked page and a reclaimed-without-release report, {@code System.gc()} and a
 *       JDK direct buffer;
 *   <li>{@link #second}: pool {@code rx} again (same name, a later run): the combined view adds up;
 *   <li>{@link #noPagepool}: the JDK's events only.
 * </ul>
 */
final class ReportWorkload {
    static final Duration PERIOD = Duration.ofMillis(100);
    static final int WORKERS = 2;
    static final int BURSTS = 600;
    static final int BURST = 24;
    static final int PRODUCED = 3000;
    static final int TX_ROUNDS = 12;
    static final int TX_PER_ROUND = 1000;
    static final long MAX_MEMORY = 1 << 20;
    static final String CACHE_REASON = "overflow followed by underflow";
    static final String RING_REASON = "ring full while the budget allows";

    private static ReportWorkload instance;

    final Path dir;
    final Path first;
    final Path second;
    final Path noPagepool;
    final String rx;
    final String tx;
    final PoolStats rxFirst;
    final PoolStats txFirst;
    final PoolStats rxSecond;
    final long rxCacheIdOfMain;
    final long gcCalls;

    private ReportWorkload(Path dir, Path first, Path second, Path noPagepool, String rx, String tx, PoolStats rxFirst,
                           PoolStats txFirst, PoolStats rxSecond, long rxCacheIdOfMain, long gcCalls) {
        this.dir = dir;
        this.first = first;
        this.second = second;
        this.noPagepool = noPagepool;
        this.rx = rx;
        this.tx = tx;
        this.rxFirst = rxFirst;
        this.txFirst = txFirst;
        this.rxSecond = rxSecond;
        this.rxCacheIdOfMain = rxCacheIdOfMain;
        this.gcCalls = gcCalls;
    }

    static synchronized ReportWorkload get() {
        if (instance == null) {
            try {
                instance = record();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The JDK's default settings plus pagepool.jfc, with short periods and the throttles off. */
    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        try {
            s.putAll(Configuration.getConfiguration("default").getSettings());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(e);
        }
        s.putAll(Recorder.settings());
        String period = PERIOD.toMillis() + " ms";
        s.put(EventNames.POOL_STATISTICS + "#period", period);
        s.put(EventNames.CACHE_STATISTICS + "#period", period);
        s.put(EventNames.LEAK_SUSPECT + "#period", period);
        s.put(EventNames.WAIVE + "#throttle", "off");
        s.put("jdk.DirectBufferStatistics#period", period);
        return s;
    }

    private static ReportWorkload record() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pagepool-report-test");
        String suffix = Long.toString(System.nanoTime(), 36);
        String rx = "rx-" + suffix;
        String tx = "tx-" + suffix;
        Path first = dir.resolve("first.jfr");
        Path second = dir.resolve("second.jfr");
        Path none = dir.resolve("no-pagepool.jfr");
        dir.toFile().deleteOnExit(); // deleted after the files (reverse order of registration)
        for (Path f : List.of(first, second, none)) {
            f.toFile().deleteOnExit();
        }
        Duration previousThreshold = LeakDetector.threshold();
        LeakDetector.setThreshold(Duration.ofMillis(200));
        long gcCalls = 0;
        PoolStats rxFirst;
        PoolStats txFirst;
        long mainCacheId;
        try (Recording recording = new Recording(settings())) {
            recording.start();
            PagePool pool = pool(rx, 16, 8, 32);
            PagePool txPool = PoolRecorder.register(PagePool.builder().name(tx).slabBytes(64 << 10)
                    .maxMemoryBytes(4 << 20).listener(PoolRecorder.listener()).warnings(line -> { }).build());
            Thread.sleep(PERIOD.toMillis() * 2); // JFR picks up the new periods

            List<Thread> workers = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(WORKERS + 2);
            CountDownLatch exit = new CountDownLatch(1);
            for (int w = 0; w < WORKERS; w++) {
                workers.add(Thread.ofPlatform().name("rx-worker-" + w).start(() -> {
                    Page[] burst = new Page[BURST];
                    for (int i = 0; i < BURSTS; i++) {
                        for (int j = 0; j < BURST; j++) {
                            burst[j] = pool.alloc();
                        }
                        for (int j = 0; j < BURST; j++) {
                            burst[j].release();
                        }
                    }
                    done.countDown();
                    await(exit); // lives until its cache's counters were recorded
                }));
            }
            BlockingQueue<Page> handOver = new ArrayBlockingQueue<>(32);
            workers.add(Thread.ofPlatform().name("rx-producer").start(() -> {
                try {
                    for (int i = 0; i < PRODUCED; i++) {
                        handOver.put(pool.alloc());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
                await(exit);
            }));
            workers.add(Thread.ofPlatform().name("rx-consumer").start(() -> {
                try {
                    List<Page> batch = new ArrayList<>();
                    for (int i = 0; i < PRODUCED; i++) {
                        batch.add(handOver.take());
                        if (batch.size() == 48) { // released in bursts: the small ring overflows
                            batch.forEach(Page::release);
                            batch.clear();
                        }
                    }
                    batch.forEach(Page::release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
                await(exit);
            }));
            // both pools allocate in more statistics intervals than a size recommendation needs (Evidence.Bar)
            for (int round = 0; round < TX_ROUNDS; round++) {
                for (int i = 0; i < TX_PER_ROUND; i++) {
                    txPool.alloc().release();
                }
                pool.alloc().release();
                Thread.sleep(PERIOD.toMillis() + 20);
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the workload threads did not finish");
            }

            // the budget: hold every page the pool can map, then ask once more, then a size waive
            List<Page> held = new ArrayList<>();
            Page p;
            while ((p = pool.tryAlloc()) != null) {
                held.add(p);
            }
            pool.tryAllocBuffer(100);
            pool.countWaive(WaiveReason.SIZE, 20_000);
            Thread.sleep(PERIOD.toMillis() * 2); // the peak shows in a statistics event
            held.forEach(Page::release);

            // the tuner moves two knobs
            mainCacheId = mainCache(pool).cacheId();
            TunerDecisions.commit(pool, "cacheCapacity", mainCacheId, 16, 32, CACHE_REASON,
                    "underflows=120, overflows=80");
            pool.setCacheCapacity(mainCacheId, 32);
            TunerDecisions.commit(pool, "ringCapacity", TunerDecisions.POOL_WIDE, 32, 64, RING_REASON, "ringFull=12");
            pool.setRingCapacity(64);

            // GC and the JDK's direct buffers
            ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
            direct.put(0, (byte) 1);
            System.gc();
            System.gc();
            gcCalls = 2;

            // leak suspects: a page held past the threshold, and one reclaimed without a release
            Thread.sleep(150);
            Page leaked = leakOnePage(pool);
            LeakDetector.reclaimedWithoutRelease(pool, 1_500_000_000L, LeakDetector.captureStack(), 4096);
            Thread.sleep(LeakDetector.threshold().toMillis() + PERIOD.toMillis() * 3);
            leaked.release();
            exit.countDown();
            for (Thread t : workers) {
                t.join();
            }
            Thread.sleep(PERIOD.toMillis() * 2);

            PoolRecorder.unregister(pool); // commits its last statistics: the sums reach the counters
            PoolRecorder.unregister(txPool);
            rxFirst = pool.stats();
            txFirst = txPool.stats();
            pool.close();
            txPool.close();
            recording.stop();
            recording.dump(first);
            if (direct.get(0) != 1) {
                throw new AssertionError("the direct buffer lost its byte");
            }
        } finally {
            LeakDetector.setThreshold(previousThreshold);
        }

        PoolStats rxSecond;
        try (Recording recording = new Recording(settings())) {
            recording.start();
            PagePool pool = pool(rx, 64, 32, 256);
            Thread.sleep(PERIOD.toMillis() * 2);
            for (int i = 0; i < 3000; i++) {
                pool.alloc().release();
            }
            Thread.sleep(PERIOD.toMillis() * 2);
            PoolRecorder.unregister(pool);
            rxSecond = pool.stats();
            pool.close();
            recording.stop();
            recording.dump(second);
        }

        try (Recording recording = new Recording()) {
            recording.enable("jdk.GarbageCollection");
            for (String name : EventNames.ALL) {
                recording.disable(name);
            }
            recording.start();
            System.gc();
            recording.stop();
            recording.dump(none);
        }
        return new ReportWorkload(dir, first, second, none, rx, tx, rxFirst, txFirst, rxSecond, mainCacheId, gcCalls);
    }

    private static PagePool pool(String name, int cache, int refill, int ring) {
        return PoolRecorder.register(PagePool.builder()
                .name(name)
                .pageSize(4096)
                .slabBytes(64 << 10)
                .maxMemoryBytes(MAX_MEMORY)
                .cacheCapacity(cache)
                .refillBatch(refill)
                .ringCapacity(ring)
                .slabReserve(0)
                .listener(PoolRecorder.listener())
                .warnings(line -> { })
                .build(), 1);
    }

    /** The page this workload leaks; the LeakSuspect's allocation stack names this method. */
    static Page leakOnePage(PagePool pool) {
        return pool.alloc();
    }

    private static CacheStats mainCache(PagePool pool) {
        long self = Thread.currentThread().threadId();
        return pool.cacheStats().stream().filter(c -> c.threadId() == self).findFirst().orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
