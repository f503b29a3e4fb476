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
package io.pagepool.benchmarks;

import io.pagepool.pool.PagePool;
import io.pagepool.recorder.PoolRecorder;
import io.pagepool.recorder.Recorder;
import io.pagepool.recorder.RecordingOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the recorder costs on the fast path: the op of {@link FastPathBenchmark#pool()} (2 KiB
 * page, ByteBuffer API) on a pool that is
 * <ul>
 *   <li>{@code none}: built plainly (the baseline);
 *   <li>{@code registered}: built with the recorder's listener and registered (sampler, periodic
 *       events, MXBean) but with no recording running: the "disabled events cost nothing" proof;
 *   <li>{@code jfc}: registered, with a recording of {@code pagepool.jfc} alone running;
 *   <li>{@code defaultAndJfc}: registered, with the JDK's default settings plus {@code pagepool.jfc}.
 * </ul>
 * Each mode runs in its own fork. Targets: {@code registered / none} about 1.00;
 * {@code jfc / none} at most 1.05; 0 B/op without a recording.
 */
@State(Scope.Thread)
public class RecorderOverheadBenchmark extends StandardRun {
    private static final int PAGE_SIZE = 2048;

    @Param({"none", "registered", "jfc", "defaultAndJfc"})
    public String mode;

    private PagePool pool;
    private Recording recording;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (mode.equals("none")) {
            pool = PagePool.builder().name("recorder-none").pageSize(PAGE_SIZE).build();
            return;
        }
        pool = PoolRecorder.register(PagePool.builder().name("recorder-" + mode).pageSize(PAGE_SIZE)
                .listener(PoolRecorder.listener()).build());
        if (!mode.equals("registered")) {
            file = Files.createTempFile("pagepool-bench-", ".jfr");
            recording = Recorder.start(file, RecordingOptions.DEFAULTS
                    .withBaseConfiguration(mode.equals("jfc") ? "none" : "default"));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (recording != null) {
            recording.close();
            Files.deleteIfExists(file);
        }
        pool.close();
    }

    @Benchmark
    public void allocWriteRelease() {
        ByteBuffer buffer = pool.allocBuffer(PAGE_SIZE);
        buffer.put(0, (byte) 1);
        pool.release(buffer);
    }
}
