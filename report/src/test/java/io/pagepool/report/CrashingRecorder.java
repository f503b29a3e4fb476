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

import io.pagepool.pool.PagePool;
import io.pagepool.recorder.ChunkRepository;
import io.pagepool.recorder.PoolRecorder;
import java.nio.file.Path;
import jdk.jfr.Recording;

/**
 * The JVM {@link CrashRecoveryTest} kills: records into {@code args[0]} with its chunks next to
 * it (as the agent's {@code jfr=} keeps them), serves {@code args[2]} pages from pool
 * {@code args[1]}, prints {@code served N} and waits to be killed.
 */
public final class CrashingRecorder {
    private CrashingRecorder() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ChunkRepository.placeNextTo(file);
        Recording recording = new Recording(ReportWorkload.settings());
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.setDumpOnExit(true);
        recording.start();
        PagePool pool = PoolRecorder.register(PagePool.builder().name(args[1]).listener(PoolRecorder.listener())
                .warnings(line -> { }).build());
        Thread.sleep(ReportWorkload.PERIOD.toMillis() * 2); // JFR picks up the new periods
        long pages = Long.parseLong(args[2]);
        for (long i = 0; i < pages; i++) {
            pool.alloc().release();
        }
        System.out.println("served " + pages);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
