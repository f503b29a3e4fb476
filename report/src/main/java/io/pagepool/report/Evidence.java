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

import io.pagepool.pool.PoolCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a recording shows enough of a pool's load to size it: long enough to hold bursts
 * ({@link Bar#minObservedSeconds}, one minute by default) and busy enough that its peaks are the
 * load's, not noise (allocations in {@link Bar#minActiveIntervals} statistics intervals and
 * {@link Bar#minPages} pages in all). A recording below the bar gets no size recommendation: an
 * 8-second run that mapped one slab would otherwise size the budget to that slab, and production's
 * first burst would be waived.
 *
 * @param observedSeconds the sum of the pool's statistics intervals
 * @param intervals its statistics events
 * @param activeIntervals those in which it allocated
 * @param pages pages it allocated
 * @param bar what it takes
 */
record Evidence(double observedSeconds, long intervals, long activeIntervals, long pages, Bar bar) {
    /**
     * What a recording must show to size a pool.
     *
     * @param minObservedSeconds the least time the pool must be observed (report option {@code --min-span})
     * @param minActiveIntervals the least statistics intervals with allocations
     * @param minPages the least pages allocated
     */
    record Bar(double minObservedSeconds, long minActiveIntervals, long minPages) {
        /** One minute, allocations in 10 intervals, 10,000 pages. */
        static final Bar DEFAULT = new Bar(60, 10, 10_000);

        /** The default bar with another minimum span. */
        static Bar minSpan(double seconds) {
            return new Bar(seconds, DEFAULT.minActiveIntervals, DEFAULT.minPages);
        }
    }

    static Evidence of(PoolSummary p, Bar bar) {
        return new Evidence(p.observedNanos / 1e9, p.statisticsEvents, p.activeIntervals,
                p.total(PoolCounter.ALLOC_PAGES), bar);
    }

    boolean tooShort() {
        return observedSeconds < bar.minObservedSeconds;
    }

    boolean tooQuiet() {
        return activeIntervals < bar.minActiveIntervals || pages < bar.minPages;
    }

    /** Enough to recommend sizes. */
    boolean sufficient() {
        return !tooShort() && !tooQuiet();
    }

    /** In a few words: "too short", "too quiet", "too short and too quiet", or "enough". */
    String verdict() {
        return tooShort() && tooQuiet() ? "too short and too quiet" : tooShort() ? "too short"
                : tooQuiet() ? "too quiet" : "enough";
    }

    /** Why sizes are not recommended, in words with the numbers; "" when they are. */
    String statement() {
        List<String> why = new ArrayList<>();
        if (tooShort()) {
            why.add(String.format(Locale.ROOT, "too short: the pool was observed %s in %s, and sizing it takes at"
                    + " least %s of representative load (bursts come minutes apart)", Units.seconds(observedSeconds),
                    Units.plural(intervals, "statistics interval"), Units.seconds(bar.minObservedSeconds)));
        }
        if (tooQuiet()) {
            why.add("too quiet: it allocated in " + Units.count(activeIntervals) + " of its "
                    + Units.plural(intervals, "statistics interval") + " (" + Units.plural(pages, "page") + " in all),"
                    + " and sizing it takes allocations in at least " + Units.count(bar.minActiveIntervals)
                    + " intervals and " + Units.count(bar.minPages) + " pages");
        }
        return why.isEmpty() ? "" : "No size recommendation, the recording is " + String.join("; and ", why)
                + ". Keep the online tuner (tune=on), which sizes from the live load, or record longer under"
                + " production load.";
    }
}
