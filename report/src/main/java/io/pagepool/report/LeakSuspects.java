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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code io.pagepool.LeakSuspect} events grouped by pool, kind and allocation stack: a leak that
 * repeats shows once with its count. At most {@link #GROUPS} groups; suspects beyond are counted.
 */
final class LeakSuspects {
    static final int GROUPS = 200;

    static final class Group {
        final String pool;
        final String kind;
        final String stack;
        long count;
        long maxAgeNanos;
        long requestedBytes;
        String thread;
        long firstNanos = Long.MAX_VALUE;

        Group(String pool, String kind, String stack) {
            this.pool = pool;
            this.kind = kind;
            this.stack = stack;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    long total;
    long ungrouped;

    void onSuspect(RecordedEvent e, long nanos) {
        String pool = nonNull(Ev.stringField(e, "poolName"));
        String kind = nonNull(Ev.stringField(e, "kind"));
        String stack = nonNull(Ev.stringField(e, "allocationStack"));
        Group g = group(pool, kind, stack);
        total++;
        if (g == null) {
            ungrouped++;
            return;
        }
        g.count++;
        g.maxAgeNanos = Math.max(g.maxAgeNanos, Ev.longField(e, "age"));
        g.requestedBytes = Math.max(g.requestedBytes, Ev.longField(e, "requestedBytes"));
        String thread = Ev.stringField(e, "allocatingThread");
        if (thread != null && !thread.isEmpty()) {
            g.thread = thread;
        }
        g.firstNanos = Math.min(g.firstNanos, nanos);
    }

    private Group group(String pool, String kind, String stack) {
        String key = pool + '\u0000' + kind + '\u0000' + stack;
        Group g = groups.get(key);
        if (g == null && groups.size() < GROUPS) {
            g = new Group(pool, kind, stack);
            groups.put(key, g);
        }
        return g;
    }

    /** The groups, most frequent first. */
    List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparingLong((Group g) -> -g.count).thenComparingLong(g -> g.firstNanos));
        return out;
    }

    void merge(LeakSuspects o) {
        total += o.total;
        ungrouped += o.ungrouped;
        for (Group og : o.groups.values()) {
            Group g = group(og.pool, og.kind, og.stack);
            if (g == null) {
                ungrouped += og.count;
                continue;
            }
            g.count += og.count;
            g.maxAgeNanos = Math.max(g.maxAgeNanos, og.maxAgeNanos);
            g.requestedBytes = Math.max(g.requestedBytes, og.requestedBytes);
            g.thread = g.thread == null ? og.thread : g.thread;
            g.firstNanos = Math.min(g.firstNanos, og.firstNanos);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
