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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Helpers for tests that record: every pagepool event on, short periods, no throttle. */
final class TestRecordings {
    private TestRecordings() {
    }

    /**
     * A recording of every pagepool event: periodic ones every {@code period}, the throttled ones
     * unthrottled (so counts can be compared with the pool's counters), stack traces on where
     * pagepool.jfc has them.
     */
    static Recording allPagepoolEvents(Duration period) {
        Recording r = new Recording();
        r.setName("test-" + System.nanoTime());
        r.enable(EventNames.POOL_STATISTICS).withPeriod(period);
        r.enable(EventNames.CACHE_STATISTICS).withPeriod(period);
        r.enable(EventNames.LEAK_SUSPECT).withPeriod(period);
        r.enable(EventNames.ALLOCATION_SAMPLE).withStackTrace().with("throttle", "off");
        r.enable(EventNames.WAIVE).withStackTrace().with("throttle", "off");
        r.enable(EventNames.SLOW_ALLOCATION).withStackTrace();
        r.enable(EventNames.TUNER_DECISION);
        r.enable(EventNames.POOL_LIFECYCLE).withStackTrace();
        return r;
    }

    /** Every event of {@code file} of type {@code eventName} for pool {@code poolName}, by start time. */
    static List<RecordedEvent> events(Path file, String eventName, String poolName) {
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : readAll(file)) {
            if (e.getEventType().getName().equals(eventName) && poolName.equals(e.getString("poolName"))) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(RecordedEvent::getStartTime));
        return out;
    }

    static List<RecordedEvent> readAll(Path file) {
        try {
            return RecordingFile.readAllEvents(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long sum(List<RecordedEvent> events, String field) {
        return events.stream().mapToLong(e -> e.getLong(field)).sum();
    }

    /** Waits up to {@code timeout} for {@code condition}; false when it did not hold in time. */
    static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
