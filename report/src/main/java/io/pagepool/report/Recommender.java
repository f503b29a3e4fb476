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

import static io.pagepool.pool.PoolCounter.ALLOC_FAST;
import static io.pagepool.pool.PoolCounter.ALLOC_PAGES;
import static io.pagepool.pool.PoolCounter.ALLOC_REFILL;
import static io.pagepool.pool.PoolCounter.ALLOC_SLOW;
import static io.pagepool.pool.PoolCounter.ALLOC_WAIVE;
import static io.pagepool.pool.PoolCounter.RECYCLE_CACHE_FULL;
import static io.pagepool.pool.PoolCounter.RECYCLE_RING_FULL;

import io.pagepool.pool.WaiveReason;
import io.pagepool.recorder.EventNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives agent options for one pool from what the recording shows, for users who turn the tuner
 * off: what the tuner settled on where it decided, otherwise rules read off the counters (a cache
 * that both overflows and underflows is too small, a ring that fills is too short, the memory
 * budget is the peak plus headroom for bursts, more when allocations were waived at it). Each
 * value carries the figures behind it. A recording too short or too quiet for sizes
 * ({@link Evidence}) gets none: it recommends keeping the tuner and says why, with the numbers.
 * A size class ({@link SizeClasses}) gets its cache, refill and ring; its budget comes from its
 * group ({@link GroupRecommendation}).
 */
final class Recommender {
    /** Misses above this share of cache lookups count as frequent. */
    static final double FREQUENT_MISSES = 0.02;
    static final long MIB = 1L << 20;
    /** Headroom over the peak, as a share of the peak, at the least. */
    static final double HEADROOM = 0.5;
    /** The budget rule in words, as the reasons and the README state it. */
    static final String HEADROOM_RULE = "the peak plus headroom for bursts: the larger of 50 % of the peak and the"
            + " steepest rise of mapped memory within one statistics interval, rounded up to a MiB (64 KiB below"
            + " 1 MiB); never below the peak";

    private Recommender() {
    }

    /**
     * @param sizeClass whether {@code p} is a class of a size-class group: no page size and no
     *        budget of its own
     */
    static Recommendation recommend(PoolSummary p, List<CacheSummary> caches, TunerTimeline tuner,
                                    Evidence.Bar bar, boolean sizeClass) {
        Evidence evidence = Evidence.of(p, bar);
        List<Recommendation.Value> values = new ArrayList<>();
        if (!evidence.sufficient()) {
            values.add(new Recommendation.Value("tune", "on", "the recording is " + evidence.verdict()
                    + " to size the pool: keep the online tuner"));
            notSizes(p, values);
            return new Recommendation(p.name, evidence, values);
        }
        values.add(new Recommendation.Value("tune", "off", "fixed values below instead of the online tuner"));

        long pageSize = p.pageSize > 0 ? p.pageSize : p.configured("pageSize", 4096);
        long maxCache = p.configured("maxCacheCapacity", 4096);
        long cacheNow = p.configured("cacheCapacity", caches.stream().mapToLong(c -> c.capacityLast).max().orElse(128));
        long refillNow = p.configured("refillBatch", 64);
        long ringNow = p.ringCapacity > 0 ? p.ringCapacity : p.configured("ringCapacity", 1024);
        long maxRing = p.configured("maxRingCapacity", 16384);

        // page size: only when requests did not fit, or the pool ran with another than the default
        long sizeWaives = p.waiveEventsByReason.getOrDefault(EventNames.waiveReason(WaiveReason.SIZE), 0L);
        // a size class's page size is its class: larger requests are its group's (its largest class)
        if (!sizeClass && sizeWaives > 0) {
            long wanted = Math.min(65536, Units.ceilPow2(Math.max(pageSize, p.waiveLargestRequest)));
            values.add(new Recommendation.Value("pageSize", Long.toString(wanted),
                    Units.plural(sizeWaives, "recorded request") + (sizeWaives == 1 ? " was" : " were")
                    + " larger than a page of " + Units.bytes(pageSize) + " (largest "
                    + Units.bytes(p.waiveLargestRequest) + ")"
                    + (wanted == 65536 ? "; 64 KiB is the largest page" : "")));
        } else if (!sizeClass && pageSize != 4096) {
            values.add(new Recommendation.Value("pageSize", Long.toString(pageSize),
                    "as recorded: no request was larger than a page"));
        }

        // cache capacity
        long hits = 0;
        long underflows = 0;
        long overflows = 0;
        long sizePeak = 0;
        for (CacheSummary c : caches) {
            hits += c.hits;
            underflows += c.underflows;
            overflows += c.overflows;
            sizePeak = Math.max(sizePeak, c.sizePeak);
        }
        if (caches.isEmpty()) { // no CacheStatistics: the pool's counters approximate them
            hits = p.total(ALLOC_FAST);
            underflows = p.total(ALLOC_SLOW) + p.total(ALLOC_REFILL);
            overflows = p.total(RECYCLE_CACHE_FULL);
        }
        double miss = hits + underflows == 0 ? 0 : (double) underflows / (hits + underflows);
        long cache;
        String cacheReason;
        List<TunerTimeline.Decision> cacheDecisions = tuner.lastDecisions(p.name, "cacheCapacity");
        if (!cacheDecisions.isEmpty()) {
            cache = Math.max(1,
                    cacheDecisions.stream().mapToLong(TunerTimeline.Decision::after).max().orElse(cacheNow));
            cacheReason = "the tuner's " + Units.plural(tuner.count(p.name, "cacheCapacity"), "cacheCapacity decision")
                    + " ended at up to " + cache + " pages (configured " + cacheNow + ")";
        } else if (miss > FREQUENT_MISSES && overflows > 0) {
            cache = Math.min(maxCache, Units.ceilPow2(cacheNow * 2));
            cacheReason = percent(miss) + " of allocations found the cache empty and " + Units.count(overflows)
                    + " releases found it full: a cache that overflows and underflows is too small";
        } else if (miss > FREQUENT_MISSES) {
            cache = cacheNow;
            cacheReason = percent(miss) + " of allocations missed the cache but none overflowed: the pages are "
                    + "released on other threads, a larger cache would not keep them";
        } else if (!caches.isEmpty() && overflows == 0 && cacheNow > 16 && sizePeak * 4 < cacheNow) {
            cache = Math.max(16, Units.ceilPow2(Math.max(1, sizePeak * 2)));
            cacheReason = "no cache held more than " + sizePeak + " of its " + cacheNow
                    + " pages: a smaller cache parks less memory";
        } else {
            cache = cacheNow;
            cacheReason = "only " + percent(miss) + " of allocations missed the cache: " + cacheNow + " pages suffice";
        }
        values.add(new Recommendation.Value("cache", Long.toString(cache), cacheReason));

        // refill batch
        long refills = p.total(ALLOC_SLOW) + p.total(ALLOC_REFILL);
        long refill;
        String refillReason;
        List<TunerTimeline.Decision> refillDecisions = tuner.lastDecisions(p.name, "refillBatch");
        if (!refillDecisions.isEmpty()) {
            refill = refillDecisions.stream().mapToLong(TunerTimeline.Decision::after).max().orElse(refillNow);
            refillReason = "the tuner's last refillBatch decision (of " + tuner.count(p.name, "refillBatch") + ")";
        } else if (miss > FREQUENT_MISSES && overflows == 0 && refillNow * 2 <= cache) {
            refill = refillNow * 2;
            refillReason = Units.plural(refills, "refill") + " for " + Units.plural(p.total(ALLOC_PAGES), "allocation")
                    + ": larger batches amortize the ring and slab work";
        } else if (refillNow > Math.max(1, cache / 2)) {
            refill = Math.max(1, cache / 2);
            refillReason = "half the cache capacity, so that a refill leaves room for releases";
        } else {
            refill = refillNow;
            refillReason = Units.plural(refills, "refill") + " for " + Units.plural(p.total(ALLOC_PAGES), "allocation")
                    + (refills == 0 ? "" : " (one per " + Units.count(p.total(ALLOC_PAGES) / refills) + ")")
                    + ": the batch fits";
        }
        refill = Math.max(1, Math.min(refill, Math.max(1, cache)));
        values.add(new Recommendation.Value("refill", Long.toString(refill), refillReason));

        // ring capacity
        long ring;
        String ringReason;
        List<TunerTimeline.Decision> ringDecisions = tuner.lastDecisions(p.name, "ringCapacity");
        if (!ringDecisions.isEmpty()) {
            ring = ringDecisions.stream().mapToLong(TunerTimeline.Decision::after).max().orElse(ringNow);
            ringReason = "the tuner's last ringCapacity decision (of " + tuner.count(p.name, "ringCapacity") + ")";
        } else if (p.total(RECYCLE_RING_FULL) > 0) {
            ring = Math.min(maxRing, Units.ceilPow2(Math.max(ringNow * 2, ringNow + p.ringFullPeakPerInterval)));
            ringReason = Units.count(p.total(RECYCLE_RING_FULL)) + " pages found the ring of " + ringNow
                    + " full and went back to their slab (up to " + Units.count(p.ringFullPeakPerInterval)
                    + " in one interval)";
        } else {
            ring = ringNow;
            ringReason = "the ring never filled (at most " + Units.count(p.ringSizePeak) + " of " + ringNow + " pages)";
        }
        values.add(new Recommendation.Value("ring", Long.toString(Math.max(1, ring)), ringReason));

        // memory budget: a size class's is its group's
        if (!sizeClass) {
            values.add(budget(p, sizeWaives));
        }
        notSizes(p, values);
        return new Recommendation(p.name, evidence, values);
    }

    /** The maxMemory value of a pool of its own: {@link #HEADROOM_RULE}, twice the budget when it was spent. */
    private static Recommendation.Value budget(PoolSummary p, long sizeWaives) {
        long budgetWaives = p.waiveEventsByReason.getOrDefault(EventNames.waiveReason(WaiveReason.BUDGET), 0L);
        boolean waivedAtBudget = budgetWaives > 0 || (p.total(ALLOC_WAIVE) > sizeWaives && p.budgetUsePeak() >= 0.9);
        long need = budgetNeed(p);
        long maxMemory;
        String memoryReason;
        if (waivedAtBudget) {
            maxMemory = Math.max(need, roundUp(Math.max(p.bytesMappedPeak, p.maxMemory) * 2));
            memoryReason = Units.plural(p.total(ALLOC_WAIVE), "allocation")
                    + (p.total(ALLOC_WAIVE) == 1 ? " was" : " were") + " waived" + (budgetWaives > 0 ? " ("
                    + Units.count(budgetWaives) + " recorded at the budget)" : "") + " with "
                    + Units.bytes(p.bytesMappedPeak) + " mapped, " + percent(p.budgetUsePeak()) + " of "
                    + Units.bytes(p.maxMemory) + ": twice the budget, and at least " + HEADROOM_RULE;
        } else if (p.bytesMappedPeak == 0) {
            maxMemory = p.maxMemory > 0 ? p.maxMemory : 64 * MIB;
            memoryReason = "nothing was mapped in the recording: the budget stays";
        } else {
            maxMemory = need;
            memoryReason = "at most " + Units.bytes(p.bytesMappedPeak) + " mapped (" + percent(p.budgetUsePeak())
                    + " of the budget " + Units.bytes(p.maxMemory) + "), steepest rise "
                    + Units.bytes(p.bytesMappedRisePeak) + " in one interval: " + HEADROOM_RULE;
        }
        return new Recommendation.Value("maxMemory", Units.agentSize(maxMemory), memoryReason);
    }

    /**
     * The memory {@code p} needs by {@link #HEADROOM_RULE}: never below its peak; 0 when it mapped
     * nothing.
     */
    static long budgetNeed(PoolSummary p) {
        if (p.bytesMappedPeak <= 0) {
            return 0;
        }
        long headroom = Math.max((long) Math.ceil(p.bytesMappedPeak * HEADROOM), p.bytesMappedRisePeak);
        return roundUp(p.bytesMappedPeak + headroom);
    }

    /** The options that are no size: mapping and zeroing, as the recording shows them. */
    private static void notSizes(PoolSummary p, List<Recommendation.Value> values) {
        long fallbacks = p.lifecycle.getOrDefault(EventNames.LIFECYCLE_MAPPING_FALLBACK, 0L);
        String mapping = p.mapping.toLowerCase(Locale.ROOT);
        if (fallbacks > 0) {
            values.add(new Recommendation.Value("mapping", "prefault", Units.count(fallbacks)
                    + " slabs fell back from " + mapping + " to prefault: ask for what the system grants"));
        } else if (!mapping.isEmpty() && !mapping.equals("prefault")) {
            values.add(new Recommendation.Value("mapping", mapping, "as recorded: "
                    + Units.count(p.slowAllocationEvents) + " slab maps took " + Units.duration(p.mapTimeTotalNanos)
                    + " in all"));
        }
        if ("true".equals(p.configuration.get("zero"))) {
            values.add(new Recommendation.Value("zero", "true",
                    "as recorded: the application asked for zeroed buffers"));
        }
    }

    private static String percent(double ratio) {
        return Units.percent(ratio);
    }

    /** Up to a whole MiB (64 KiB below 1 MiB). */
    static long roundUp(long bytes) {
        long unit = bytes < MIB ? 64 << 10 : MIB;
        return Math.max(unit, (bytes + unit - 1) / unit * unit);
    }
}
