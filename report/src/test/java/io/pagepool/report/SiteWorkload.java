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
import io.pagepool.recorder.EventNames;
import io.pagepool.recorder.PoolRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A recording, made once per test JVM, with allocation sites and call sites whose stacks and
 * lines are known: {@link #receiveAndDrop} (a packet dropped where it is allocated: a scoped
 * site), {@link #receiveAndTransmit} (a packet handed to a TX ring whose completion thread drops
 * it: passed to another class's method) and {@link #receiveAndKeep} (a buffer passed to a method
 * of its own class that stores it to a field). Its allocation samples come from a real pool with
 * the recorder's sampler; its site events are {@link SiteEvents}, with the verdicts the agent's
 * analysis writes for such code and the figures of {@link #DROP_FIGURES} and
 * {@link #TRANSMIT_FIGURES}. The expected counts are read from the file with the JDK's own reader.
 */
final class SiteWorkload {
    static final int DROPS = 20_000;
    static final int TRANSMITS = 20_000;
    static final String CLASS = SiteWorkload.class.getName();
    static final String DROP = "receiveAndDrop" + MethodType.methodType(boolean.class, PagePool.class, long.class)
            .toMethodDescriptorString();
    static final String TRANSMIT = "receiveAndTransmit" + MethodType.methodType(boolean.class, PagePool.class,
            long.class, TxRing.class).toMethodDescriptorString();
    static final String KEEP = "receiveAndKeep" + MethodType.methodType(void.class, PagePool.class)
            .toMethodDescriptorString();
    /** SiteStatistics of the drop site, the last one (an earlier one has half of each). */
    static final long[] DROP_FIGURES = {DROPS, DROPS - 3, 0, 0, 0, 0, 3, 0};
    /** SiteStatistics of the transmit site after its decision to go to the JDK. */
    static final long[] TRANSMIT_FIGURES = {TRANSMITS / 2, 0, 0, 0, 7, TRANSMITS / 2 - 7, 0, TRANSMITS / 2};
    static final String DECISION_REASON = "pages come back only through reachability while the pool filled"
            + " (92% of its budget)";

    private static SiteWorkload instance;
    private static volatile int dropLine;
    private static volatile int transmitLine;
    private static volatile int putLine;
    private static volatile int keepLine;
    private static volatile int keepCallLine;
    private static volatile int keepStoreLine;

    private Page kept;

    final Path file;
    /** io.pagepool.AllocationSample events in the file. */
    final long samples;
    /** Samples whose innermost frame below pagepool's own is the transmit site. */
    final long transmitSamples;
    final long dropSamples;

    private SiteWorkload(Path file, long samples, long transmitSamples, long dropSamples) {
        this.file = file;
        this.samples = samples;
        this.transmitSamples = transmitSamples;
        this.dropSamples = dropSamples;
    }

    static int dropLine() {
        return dropLine;
    }

    static int transmitLine() {
        return transmitLine;
    }

    static int putLine() {
        return putLine;
    }

    static int keepLine() {
        return keepLine;
    }

    static int keepCallLine() {
        return keepCallLine;
    }

    static int keepStoreLine() {
        return keepStoreLine;
    }

    static synchronized SiteWorkload get() {
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

    /** The source line of the caller's previous line. */
    private static int lineAbove() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber()) - 1;
    }

    /** One RX descriptor, checked and dropped where it was allocated. */
    static boolean receiveAndDrop(PagePool pool, long seq) {
        Page page = pool.alloc();
        dropLine = lineAbove();
        page.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, seq);
        boolean ok = page.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0) == seq;
        page.release();
        return ok;
    }

    /** One RX descriptor handed to the TX ring, whose completion thread drops it. */
    static boolean receiveAndTransmit(PagePool pool, long seq, TxRing tx) throws InterruptedException {
        Page page = pool.alloc();
        transmitLine = lineAbove();
        page.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, seq);
        tx.put(page);
        putLine = lineAbove();
        return true;
    }

    /** A buffer kept for later in a field. */
    void receiveAndKeep(PagePool pool) {
        Page page = pool.alloc();
        keepLine = lineAbove();
        keep(page);
        keepCallLine = lineAbove();
    }

    private void keep(Page page) {
        kept = page;
        keepStoreLine = lineAbove();
    }

    /** A TX ring: its completion thread releases each page. */
    static final class TxRing {
        final BlockingQueue<Page> queue = new ArrayBlockingQueue<>(256);

        void put(Page page) throws InterruptedException {
            queue.put(page);
        }
    }

    private static SiteWorkload record() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pagepool-sites-test");
        Path file = dir.resolve("sites.jfr");
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        Map<String, String> settings = ReportWorkload.settings();
        settings.put(EventNames.ALLOCATION_SAMPLE + "#throttle", "off");
        try (Recording recording = new Recording(settings)) {
            recording.start();
            PagePool pool = PoolRecorder.register(PagePool.builder().name("sites-" + Long.toString(System.nanoTime(),
                    36)).maxMemoryBytes(16 << 20).listener(PoolRecorder.listener()).warnings(line -> { }).build());
            for (long i = 0; i < DROPS; i++) {
                receiveAndDrop(pool, i);
            }
            TxRing tx = new TxRing();
            Thread completer = Thread.ofPlatform().name("sites-tx").start(() -> {
                try {
                    for (int i = 0; i < TRANSMITS; i++) {
                        tx.queue.take().release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (long i = 0; i < TRANSMITS; i++) {
                receiveAndTransmit(pool, i, tx);
            }
            completer.join();
            SiteWorkload keeper = new SiteWorkload(file, 0, 0, 0);
            keeper.receiveAndKeep(pool);
            keeper.kept.release();

            SiteEvents.verdict(CLASS, DROP, dropLine, true, "scoped: does not escape, dead when the site runs again");
            SiteEvents.verdict(CLASS, TRANSMIT, transmitLine, false, "passed to "
                    + TxRing.class.getName().replace('.', '/') + ".put at line " + putLine);
            String internal = CLASS.replace('.', '/');
            SiteEvents.verdict(CLASS, KEEP, keepLine, false, "passed to " + internal + ".keep at line " + keepCallLine
                    + " (there: stored to field " + internal + ".kept at line " + keepStoreLine + ")");
            SiteEvents.statistics(CLASS, DROP, dropLine, "POOLED", half(DROP_FIGURES));
            SiteEvents.statistics(CLASS, DROP, dropLine, "POOLED", DROP_FIGURES);
            SiteEvents.decision(CLASS, TRANSMIT, transmitLine, "POOLED", "JDK", DECISION_REASON,
                    TRANSMITS / 2, 0, 0, 0, 7, TRANSMITS / 2 - 107, 100, 0);
            SiteEvents.statistics(CLASS, TRANSMIT, transmitLine, "JDK", TRANSMIT_FIGURES);
            PoolRecorder.unregister(pool);
            pool.close();
            recording.stop();
            recording.dump(file);
        }
        long all = 0;
        long transmit = 0;
        long drop = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(EventNames.ALLOCATION_SAMPLE)) {
                all++;
                String top = firstForeignFrame(e);
                transmit += top.equals(CLASS + "." + TRANSMIT + ":" + transmitLine) ? 1 : 0;
                drop += top.equals(CLASS + "." + DROP + ":" + dropLine) ? 1 : 0;
            }
        }
        return new SiteWorkload(file, all, transmit, drop);
    }

    /** The first frame outside the pool and the recorder, as class.nameDescriptor:line. */
    private static String firstForeignFrame(RecordedEvent e) {
        List<String> frames = new ArrayList<>();
        for (var f : e.getStackTrace().getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("io.pagepool.pool.") && !cls.startsWith("io.pagepool.recorder.")) {
                frames.add(cls + "." + f.getMethod().getName() + f.getMethod().getDescriptor() + ":"
                        + f.getLineNumber());
            }
        }
        return frames.isEmpty() ? "" : frames.getFirst();
    }

    private static long[] half(long[] figures) {
        long[] h = figures.clone();
        for (int i = 0; i < h.length; i++) {
            h[i] /= 2;
        }
        return h;
    }
}
