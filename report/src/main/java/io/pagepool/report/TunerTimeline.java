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
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The tuner's {@code io.pagepool.TunerDecision} events: the first {@link #KEPT} in full (a tuner
 * that oscillates for hours must not fill the heap), every decision counted, and the last value of
 * each parameter of each cache, which the recommendations use.
 */
final class TunerTimeline {
    static final int KEPT = 1000;

    record Decision(long timeNanos, String pool, String parameter, long cacheId, long before, long after,
                    String reason, String signals) {
    }

    private final List<Decision> kept = new ArrayList<>();
    long total;
    /** pool -> parameter -> decisions. */
    final Map<String, Map<String, Long>> countByPoolAndParameter = new TreeMap<>();
    /** (pool, parameter, cacheId) -> the last decision. */
    private final Map<String, Decision> last = new LinkedHashMap<>();

    void onDecision(RecordedEvent e, long nanos) {
        Decision d = new Decision(nanos, nonNull(Ev.stringField(e, "poolName")),
                nonNull(Ev.stringField(e, "parameter")), Ev.longField(e, "cacheId"), Ev.longField(e, "before"),
                Ev.longField(e, "after"), nonNull(Ev.stringField(e, "reason")), nonNull(Ev.stringField(e, "signals")));
        total++;
        if (kept.size() < KEPT) {
            kept.add(d);
        }
        countByPoolAndParameter.computeIfAbsent(d.pool(), k -> new TreeMap<>()).merge(d.parameter(), 1L, Long::sum);
        String key = d.pool() + '\u0000' + d.parameter() + '\u0000' + d.cacheId();
        Decision previous = last.get(key);
        if (previous == null || previous.timeNanos() <= d.timeNanos()) {
            last.put(key, d);
        }
    }

    /** The kept decisions in time order. */
    List<Decision> decisions() {
        List<Decision> out = new ArrayList<>(kept);
        out.sort(Comparator.comparingLong(Decision::timeNanos));
        return out;
    }

    long omitted() {
        return total - kept.size();
    }

    /** The last decision of every cache (or pool-wide) for one pool and parameter. */
    List<Decision> lastDecisions(String pool, String parameter) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : last.values()) {
            if (d.pool().equals(pool) && d.parameter().equals(parameter)) {
                out.add(d);
            }
        }
        return out;
    }

    long count(String pool, String parameter) {
        return countByPoolAndParameter.getOrDefault(pool, Map.of()).getOrDefault(parameter, 0L);
    }

    void merge(TunerTimeline o) {
        total += o.total;
        for (Decision d : o.kept) {
            if (kept.size() < KEPT) {
                kept.add(d);
            }
        }
        o.countByPoolAndParameter.forEach((pool, counts) -> counts.forEach((parameter, n) ->
                countByPoolAndParameter.computeIfAbsent(pool, k -> new TreeMap<>()).merge(parameter, n, Long::sum)));
        for (Map.Entry<String, Decision> e : o.last.entrySet()) {
            Decision mine = last.get(e.getKey());
            if (mine == null || mine.timeNanos() <= e.getValue().timeNanos()) {
                last.put(e.getKey(), e.getValue());
            }
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
