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

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.recorder.PoolRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;

/**
 * One real recording (made once per test JVM, statistics every {@link ReportWorkload#PERIOD})
 * for the charts' and the recommendations' honesty:
 *
 * <ul>
 *   <li>{@link #gap}: allocates, is unregistered for {@link #GAP_PERIODS} periods (no statistics),
 *       then registered again and allocates: its lines must break;
 *   <li>{@link #twinA} and {@link #twinB}: two idle pools, whose lines are the same;
 *   <li>{@link #burst}: a light steady load in {@link #ROUNDS} periods and, in one, a burst that
 *       holds {@link #BURST_PAGES} pages: its budget must cover that peak with headroom;
 *   <li>{@link #small} and {@link #large}: two size classes of one group (2 KiB and 16 KiB pages,
 *       the same 1 MiB budget), the large one spending its budget (budget waives).
 * </ul>
 */
final class TruthWorkload {
    static final int ROUNDS = 12;
    static final int PAGES_PER_ROUND = 1000;
    static final int BURST_PAGES = 1500;
    static final int GAP_PERIODS = 8;
    static final long CLASS_BUDGET = 1 << 20;

    private static TruthWorkload instance;

    final Path file;
    final String gap;
    final String twinA;
    final String twinB;
    final String burst;
    final String group;
    final String small;
    final String large;
    final PoolStats burstStats;
    final PoolStats largeStats;

    private TruthWorkload(Path file, String suffix, PoolStats burstStats, PoolStats largeStats) {
        this.file = file;
        this.gap = "gap-" + suffix;
        this.twinA = "twin-a-" + suffix;
        this.twinB = "twin-b-" + suffix;
        this.burst = "burst-" + suffix;
        this.group = "cls" + suffix;
        this.small = group + "-2k";
        this.large = group + "-16k";
        this.burstStats = burstStats;
        this.largeStats = largeStats;
    }

    static synchronized TruthWorkload get() {
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

    private static TruthWorkload record() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pagepool-report-truth");
        Path file = dir.resolve("truth.jfr");
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        String suffix = Long.toString(System.nanoTime(), 36);
        TruthWorkload names = new TruthWorkload(file, suffix, null, null);
        long period = ReportWorkload.PERIOD.toMillis();
        PoolStats burstStats;
        PoolStats largeStats;
        // the twins are registered before the recording starts and it stops before they are
        // unregistered, so no statistics tick can fall between their two registrations
        PagePool twinA = pool(names.twinA, 4096, 64 << 20);
        PagePool twinB = pool(names.twinB, 4096, 64 << 20);
        try (Recording recording = new Recording(ReportWorkload.settings())) {
            recording.start();
            PagePool gap = pool(names.gap, 4096, 64 << 20);
            PagePool burst = pool(names.burst, 4096, 64 << 20);
            PagePool small = pool(names.small, 2048, CLASS_BUDGET);
            PagePool large = pool(names.large, 16384, CLASS_BUDGET);
            Thread.sleep(period * 2); // JFR picks up the new periods
            List<Page> held = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                if (round == ROUNDS / 2 + 1) {
                    held.forEach(Page::release);
                    held.clear();
                }
                for (int i = 0; i < PAGES_PER_ROUND; i++) {
                    burst.alloc().release();
                    small.alloc().release();
                    large.alloc().release();
                }
                if (round == ROUNDS / 2) {
                    for (int i = 0; i < BURST_PAGES; i++) {
                        held.add(burst.alloc());
                    }
                    Page p;
                    while ((p = large.tryAlloc()) != null) {
                        held.add(p);
                    }
                    large.tryAlloc(); // one more: waived at the budget
                }
                if (round < ROUNDS / 2) {
                    gap.alloc().release();
                } else if (round == ROUNDS / 2) {
                    PoolRecorder.unregister(gap); // its statistics stop: a gap of GAP_PERIODS periods
                    Thread.sleep(period * GAP_PERIODS);
                    PoolRecorder.register(gap, 1);
                } else {
                    gap.alloc().release();
                }
                Thread.sleep(period + 20);
            }
            Thread.sleep(period * 2);
            recording.stop();
            for (PagePool p : List.of(gap, twinA, twinB, burst, small, large)) {
                PoolRecorder.unregister(p);
            }
            burstStats = burst.stats();
            largeStats = large.stats();
            for (PagePool p : List.of(gap, twinA, twinB, burst, small, large)) {
                p.close();
            }
            recording.dump(file);
        }
        return new TruthWorkload(file, suffix, burstStats, largeStats);
    }

    private static PagePool pool(String name, int pageSize, long maxMemory) {
        return PoolRecorder.register(PagePool.builder()
                .name(name)
                .pageSize(pageSize)
                .slabBytes(64 << 10)
                .maxMemoryBytes(maxMemory)
                .slabReserve(0)
                .listener(PoolRecorder.listener())
                .warnings(line -> { })
                .build(), 1);
    }
}
