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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The recording's garbage collections in time, for the charts' time axes: the first {@link #KEPT}
 * (start, pauses, collector), every one counted. Bounded whatever the recording's length.
 */
final class GcPauses {
    static final int KEPT = 4000;

    /** One collection: when it started, how long it paused the application (the sum of its pauses), which GC. */
    record Pause(long startNanos, long pauseNanos, String name) {
    }

    private final List<Pause> kept = new ArrayList<>();
    long total;

    void onGarbageCollection(RecordedEvent e) {
        total++;
        if (kept.size() >= KEPT) {
            return;
        }
        Instant start = e.getStartTime();
        long pause = 0;
        if (e.hasField("sumOfPauses")) {
            Duration d = e.getDuration("sumOfPauses");
            pause = d == null ? 0 : Math.max(0, d.toNanos());
        }
        String name = Ev.stringField(e, "name");
        kept.add(new Pause(start.getEpochSecond() * 1_000_000_000L + start.getNano(), pause,
                name == null ? "GC" : name));
    }

    /** The kept collections in time order. */
    List<Pause> pauses() {
        List<Pause> out = new ArrayList<>(kept);
        out.sort(Comparator.comparingLong(Pause::startNanos));
        return out;
    }

    long omitted() {
        return total - kept.size();
    }

    void merge(GcPauses o) {
        total += o.total;
        for (Pause p : o.kept) {
            if (kept.size() < KEPT) {
                kept.add(p);
            }
        }
    }
}
