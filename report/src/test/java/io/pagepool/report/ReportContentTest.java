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

import static io.pagepool.report.MiniJson.dbl;
import static io.pagepool.report.MiniJson.list;
import static io.pagepool.report.MiniJson.num;
import static io.pagepool.report.MiniJson.obj;
import static io.pagepool.report.MiniJson.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PoolStats;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The report's figures against the pools' own counters, read back from real recordings. */
class ReportContentTest {
    private static final Set<String> AGENT_KEYS = Set.of("pageSize", "cache", "refill", "ring", "maxMemory", "mapping",
            "zero", "stats", "jfr", "tune");

    private static Map<String, Object> pool(Object section, String name) {
        return list(section, "pools").stream().map(p -> obj(p)).filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + name + " in " + section));
    }

    private static Map<String, Object> firstSection() {
        ReportWorkload w = ReportWorkload.get();
        Object root = Reports.json(w.first.toString());
        assertNull(obj(root).get("combined"), "one file: no combined view");
        return obj(list(root, "recordings").getFirst());
    }

    @Test
    void poolTotalsEqualThePoolsOwnCounters() {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> section = firstSection();
        for (Map.Entry<String, PoolStats> e : Map.of(w.rx, w.rxFirst, w.tx, w.txFirst).entrySet()) {
            Map<String, Object> p = pool(section, e.getKey());
            PoolStats s = e.getValue();
            assertEquals(s.allocPages(), num(p, "allocations", "pages"), e.getKey());
            assertEquals(s.allocFast(), num(p, "allocations", "fast"));
            assertEquals(s.allocSlow(), num(p, "allocations", "slow"));
            assertEquals(s.allocSlowHighOrder(), num(p, "allocations", "slowHighOrder"));
            assertEquals(s.allocRefill(), num(p, "allocations", "refill"));
            assertEquals(s.allocEmpty(), num(p, "allocations", "empty"));
            assertEquals(s.allocWaive(), num(p, "allocations", "waive"));
            assertEquals(s.recycleCached(), num(p, "recycle", "cached"));
            assertEquals(s.recycleCacheFull(), num(p, "recycle", "cacheFull"));
            assertEquals(s.recycleRing(), num(p, "recycle", "ring"));
            assertEquals(s.recycleRingFull(), num(p, "recycle", "ringFull"));
            assertEquals(s.releasePages(), num(p, "recycle", "releasedPages"));
            assertEquals(s.slabsMapped(), num(p, "memory", "slabsMapped"));
            assertEquals(s.fastPathRatio(), dbl(p, "fastPathRatio"), 1e-9);
            assertEquals(s.allocPages() / dbl(p, "observedSeconds"), dbl(p, "allocationRate", "meanPerSecond"),
                    1e-6 * s.allocPages());
            assertTrue(dbl(p, "allocationRate", "peakPerSecond") >= dbl(p, "allocationRate", "meanPerSecond"));
        }
    }

    @Test
    void theWorkloadExercisedThePathsTheReportDescribes() {
        PoolStats s = ReportWorkload.get().rxFirst;
        int expectedMin = ReportWorkload.WORKERS * ReportWorkload.BURSTS * ReportWorkload.BURST
                + ReportWorkload.PRODUCED;
        assertTrue(s.allocPages() >= expectedMin, s::toString);
        assertTrue(s.recycleCacheFull() > 0 && s.recycleRing() > 0 && s.recycleRingFull() > 0, s::toString);
        assertTrue(s.allocRefill() > 0 && s.allocSlow() > 0, s::toString);
        assertEquals(1, s.waiveSize());
        assertTrue(s.waiveBudget() >= 1, s::toString);
    }

    @Test
    void waivesSlabMapsMemoryAndInFlightPeaksComeFromTheirEvents() {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> rx = pool(firstSection(), w.rx);
        assertEquals(w.rxFirst.waiveBudget(), num(rx, "waives", "eventsByReason", "budget"));
        assertEquals(1, num(rx, "waives", "eventsByReason", "size"));
        assertEquals(20_000, num(rx, "waives", "largestRequestBytes"));
        assertEquals(w.rxFirst.slabsMapped(), num(rx, "slowAllocations", "events"), "one SlowAllocation per slab");
        assertTrue(num(rx, "slowAllocations", "mapTimeTotalNanos") > 0);
        assertEquals(ReportWorkload.MAX_MEMORY, num(rx, "memory", "peakBytes"), "the budget was spent and held");
        assertEquals(ReportWorkload.MAX_MEMORY, num(rx, "memory", "budgetBytes"));
        assertEquals(1.0, dbl(rx, "memory", "budgetUsePeak"), 1e-9);
        long inflight = num(rx, "inflightPeakPages");
        assertTrue(inflight > ReportWorkload.MAX_MEMORY / 4096 / 2 && inflight <= ReportWorkload.MAX_MEMORY / 4096,
                "holding every page the budget allows: " + inflight);
        assertEquals(1, num(rx, "lifecycle", "created"));
        assertEquals("16", str(rx, "configuration", "cacheCapacity"));
        List<Object> rate = list(rx, "series", "allocationRate");
        assertTrue(rate.size() >= 5, "100 ms intervals over seconds: " + rate.size());
    }

    @Test
    void threadCachesShowHitsUnderflowsOverflowsAndTheCapacityTheTunerSet() {
        ReportWorkload w = ReportWorkload.get();
        List<Map<String, Object>> caches = list(firstSection(), "caches").stream().map(c -> obj(c))
                .filter(c -> w.rx.equals(c.get("pool"))).toList();
        long hits = caches.stream().mapToLong(c -> num(c, "hits")).sum();
        assertTrue(hits <= w.rxFirst.allocFast() && hits >= w.rxFirst.allocFast() * 9 / 10,
                "cache hits " + hits + " vs the pool's fast allocations " + w.rxFirst.allocFast());
        for (int i = 0; i < ReportWorkload.WORKERS; i++) {
            String thread = "rx-worker-" + i;
            Map<String, Object> c = caches.stream().filter(x -> thread.equals(x.get("thread"))).findFirst()
                    .orElseThrow();
            assertTrue(num(c, "underflows") > 0 && num(c, "overflows") > 0, c::toString);
            assertEquals(16, num(c, "capacity", "last"));
        }
        Map<String, Object> main = caches.stream().filter(c -> num(c, "cacheId") == w.rxCacheIdOfMain).findFirst()
                .orElseThrow();
        assertEquals(16, num(main, "capacity", "min"));
        assertEquals(32, num(main, "capacity", "last"), "the tuner decision moved it");
        assertTrue(list(main, "capacitySeries").size() >= 2);
    }

    @Test
    void theTunerTimelineListsEachDecision() {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> tuner = obj(firstSection(), "tuner");
        assertEquals(2, num(tuner, "total"));
        List<Map<String, Object>> ds = list(tuner, "decisions").stream().map(d -> obj(d)).toList();
        Map<String, Object> cache = ds.getFirst();
        assertEquals("cacheCapacity", cache.get("parameter"));
        assertEquals(w.rx, cache.get("pool"));
        assertEquals(w.rxCacheIdOfMain, num(cache, "cacheId"));
        assertEquals(16, num(cache, "before"));
        assertEquals(32, num(cache, "after"));
        assertEquals(ReportWorkload.CACHE_REASON, cache.get("reason"));
        Map<String, Object> ring = ds.get(1);
        assertEquals("ringCapacity", ring.get("parameter"));
        assertEquals(-1, num(ring, "cacheId"));
        assertEquals(64, num(ring, "after"));
        assertTrue(dbl(ring, "offsetSeconds") >= dbl(cache, "offsetSeconds"));
    }

    @Test
    void jdkContextCountsTheCollectionsAndDirectBuffers() {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> jdk = obj(firstSection(), "jdk");
        assertTrue(num(jdk, "gc", "count") >= w.gcCalls, jdk::toString);
        assertTrue(num(jdk, "gc", "pauseTotalNanos") > 0, jdk::toString);
        assertTrue(num(jdk, "directBuffers", "events") > 0, jdk::toString);
        assertTrue(num(jdk, "directBuffers", "peakBytes") >= 1 << 20, "the workload's 1 MiB direct buffer: " + jdk);
    }

    @Test
    void leakSuspectsCarryTheirAllocationStacks() {
        Map<String, Object> leaks = obj(firstSection(), "leakSuspects");
        List<Map<String, Object>> groups = list(leaks, "groups").stream().map(g -> obj(g)).toList();
        Map<String, Object> reclaimed = groups.stream().filter(g -> "reclaimedWithoutRelease".equals(g.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError(leaks.toString()));
        assertEquals(1, num(reclaimed, "count"));
        assertEquals(1_500_000_000L, num(reclaimed, "maxAgeNanos"));
        assertTrue(str(reclaimed, "allocationStack").contains(ReportWorkload.class.getName() + ".record("),
                reclaimed::toString);
        // the held page is sampled (at most 20 stacks a second JVM-wide): when it was, its stack names the leak
        groups.stream().filter(g -> "held".equals(g.get("kind"))).forEach(g ->
                assertTrue(str(g, "allocationStack").contains("leakOnePage") || num(g, "count") > 0, g::toString));
    }

    @Test
    void recommendationsFollowTheDataWithAReasonPerValue() {
        ReportWorkload w = ReportWorkload.get();
        // the workload's recording is seconds long: the bar's minimum span lowered to it, its activity bar kept
        Map<String, Object> section = obj(list(Reports.json("--min-span=0", w.first.toString()), "recordings")
                .getFirst());
        Map<String, Map<String, Object>> byPool = list(section, "recommendations").stream().map(r -> obj(r))
                .collect(Collectors.toMap(r -> str(r, "pool"), r -> r));
        for (Map<String, Object> r : byPool.values()) {
            assertEquals("-javaagent:pagepool-agent.jar=" + str(r, "agentOptions"), str(r, "line"));
            List<Map<String, Object>> values = list(r, "values").stream().map(v -> obj(v)).toList();
            assertEquals(values.stream().map(v -> v.get("key") + "=" + v.get("value")).collect(Collectors.joining(",")),
                    str(r, "agentOptions"));
            for (Map<String, Object> v : values) {
                assertTrue(AGENT_KEYS.contains(str(v, "key")), v::toString);
                assertTrue(str(v, "reason").length() > 10, v::toString);
            }
            assertEquals("tune=off", values.getFirst().get("key") + "=" + values.getFirst().get("value"));
        }
        Map<String, String> rx = values(byPool.get(w.rx));
        assertEquals("32", rx.get("cache"), "the tuner's last cache capacity");
        assertEquals("64", rx.get("ring"), "the tuner's last ring capacity");
        assertTrue(parseSize(rx.get("maxMemory")) > ReportWorkload.MAX_MEMORY,
                "allocations were waived at the budget: " + rx);
        assertEquals("32768", rx.get("pageSize"), "a 20,000-byte request did not fit a 4 KiB page");
        assertTrue(Long.parseLong(rx.get("refill")) <= Long.parseLong(rx.get("cache")));

        Map<String, String> tx = values(byPool.get(w.tx));
        long txPeak = num(pool(section, w.tx), "memory", "peakBytes");
        long txMax = parseSize(tx.get("maxMemory"));
        assertTrue(txMax >= txPeak && txMax < 4 << 20,
                "peak " + txPeak + " plus headroom, under the unused budget: " + tx);
        assertTrue(!tx.containsKey("pageSize"), "no request larger than a page: " + tx);
    }

    @Test
    void severalFilesGetASectionEachAndACombinedView() {
        ReportWorkload w = ReportWorkload.get();
        Object root = Reports.json(w.first.toString(), w.second.toString());
        List<Object> recordings = list(root, "recordings");
        assertEquals(2, recordings.size());
        assertEquals(w.second.toString(), str(recordings.get(1), "source"));
        assertEquals(w.rxSecond.allocPages(), num(pool(recordings.get(1), w.rx), "allocations", "pages"));
        Map<String, Object> combined = obj(root, "combined");
        assertEquals(List.of(w.first.toString(), w.second.toString()), list(combined, "files"));
        assertEquals(w.rxFirst.allocPages() + w.rxSecond.allocPages(), num(pool(combined, w.rx), "allocations",
                "pages"));
        assertEquals(w.rxFirst.allocFast() + w.rxSecond.allocFast(), num(pool(combined, w.rx), "allocations", "fast"));
        assertEquals(w.txFirst.allocPages(), num(pool(combined, w.tx), "allocations", "pages"));
        assertEquals(num(recordings.get(0), "events") + num(recordings.get(1), "events"), num(combined, "events"));
    }

    private static Map<String, String> values(Map<String, Object> recommendation) {
        return list(recommendation, "values").stream().map(v -> obj(v))
                .collect(Collectors.toMap(v -> str(v, "key"), v -> str(v, "value")));
    }

    /** An agent size: 64m, 512k, 2g or bytes. */
    static long parseSize(String v) {
        char unit = v.charAt(v.length() - 1);
        long n = Character.isDigit(unit) ? Long.parseLong(v) : Long.parseLong(v.substring(0, v.length() - 1));
        return switch (unit) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }
}
