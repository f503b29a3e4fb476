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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Recommendations say what their evidence is worth, on real recordings: a short or quiet one
 * gets the statement with its numbers and no size; a budget never falls below the peak plus
 * headroom; size classes get a row and a recommendation each, and their group one budget.
 */
class RecommendationEvidenceTest {
    private static final Set<String> SIZES = Set.of("pageSize", "cache", "refill", "ring", "maxMemory");

    private static Map<String, Object> section(String... args) {
        return obj(list(Reports.json(args), "recordings").getFirst());
    }

    private static Map<String, Object> recommendation(Map<String, Object> section, String pool) {
        return list(section, "recommendations").stream().map(r -> obj(r)).filter(r -> pool.equals(r.get("pool")))
                .findFirst().orElseThrow(() -> new AssertionError("no recommendation for " + pool));
    }

    private static Map<String, String> values(Map<String, Object> recommendation) {
        return list(recommendation, "values").stream().map(v -> obj(v))
                .collect(Collectors.toMap(v -> str(v, "key"), v -> str(v, "value")));
    }

    @Test
    void aShortQuietRecordingSaysSoWithItsNumbersAndRecommendsNoSize() {
        ReportWorkload w = ReportWorkload.get();
        Map<String, Object> rec = recommendation(section(w.second.toString()), w.rx);
        Map<String, Object> evidence = obj(rec, "evidence");
        assertEquals(false, evidence.get("sufficient"));
        assertEquals(true, evidence.get("tooShort"));
        assertEquals(true, evidence.get("tooQuiet"), "3,000 pages: " + evidence);
        assertEquals(60.0, dbl(evidence, "minObservedSeconds"));
        assertEquals(w.rxSecond.allocPages(), num(evidence, "pages"));
        String statement = str(evidence, "statement");
        assertTrue(statement.contains("too short") && statement.contains("60.0 s") && statement.contains("too quiet")
                && statement.contains("10,000 pages") && statement.contains(Units.count(w.rxSecond.allocPages())),
                statement);
        Map<String, String> values = values(rec);
        assertEquals("on", values.get("tune"), "keep the tuner");
        assertTrue(values.keySet().stream().noneMatch(SIZES::contains), "no size: " + values);
        assertEquals("-javaagent:pagepool-agent.jar=tune=on", str(rec, "line"));

        Reports text = Reports.run(w.second.toString(), "--quiet");
        assertTrue(text.out().contains("No size recommendation, the recording is too short: the pool was observed"),
                text.out());
        assertFalse(text.out().contains("maxMemory="), "no budget in any line");
    }

    @Test
    void aLongerSpanWithEnoughAllocationsGetsSizes() {
        TruthWorkload w = TruthWorkload.get();
        Map<String, Object> rec = recommendation(section("--min-span=0", w.file.toString()), w.burst);
        assertEquals(true, obj(rec, "evidence").get("sufficient"), rec::toString);
        assertEquals("off", values(rec).get("tune"));
        Map<String, Object> quiet = recommendation(section("--min-span=0", w.file.toString()), w.twinA);
        assertEquals(true, obj(quiet, "evidence").get("tooQuiet"), "an idle pool is too quiet whatever the span");
        assertFalse(values(quiet).containsKey("maxMemory"));
    }

    @Test
    void aBurstNeverGetsABudgetBelowItsPeakPlusHeadroom() {
        TruthWorkload w = TruthWorkload.get();
        Map<String, Object> section = section("--min-span=0", w.file.toString());
        Map<String, Object> pool = list(section, "pools").stream().map(p -> obj(p))
                .filter(p -> w.burst.equals(p.get("name"))).findFirst().orElseThrow();
        long peak = num(pool, "memory", "peakBytes");
        long rise = num(pool, "memory", "risePeakBytes");
        assertTrue(peak >= TruthWorkload.BURST_PAGES * 4096L, "the burst mapped its pages: " + peak);
        assertTrue(rise >= TruthWorkload.BURST_PAGES * 4096L / 2, "most of it within one interval: " + rise);
        Map<String, Object> rec = recommendation(section, w.burst);
        long budget = ReportContentTest.parseSize(values(rec).get("maxMemory"));
        assertTrue(budget >= peak + Math.max(peak / 2, rise), "budget " + budget + " >= peak " + peak
                + " + the larger of half the peak and the steepest rise " + rise);
        String reason = list(rec, "values").stream().map(v -> obj(v)).filter(v -> "maxMemory".equals(v.get("key")))
                .map(v -> str(v, "reason")).findFirst().orElseThrow();
        assertTrue(reason.contains(Recommender.HEADROOM_RULE), "the rule stated: " + reason);
        assertEquals(Recommender.HEADROOM_RULE, str(rec, "evidence", "headroomRule"));
    }

    @Test
    void twoSizeClassesGetARowAndARecommendationEachAndTheirGroupOneBudget() {
        TruthWorkload w = TruthWorkload.get();
        Map<String, Object> section = section("--min-span=0", w.file.toString());
        List<String> pools = list(section, "pools").stream().map(p -> str(p, "name")).toList();
        assertTrue(pools.indexOf(w.small) >= 0 && pools.indexOf(w.small) + 1 == pools.indexOf(w.large),
                "the classes together, 2 KiB first: " + pools);
        for (String cls : List.of(w.small, w.large)) {
            Map<String, Object> rec = recommendation(section, cls);
            assertEquals(w.group, rec.get("sizeClassGroup"));
            Map<String, String> values = values(rec);
            assertNotNull(values.get("cache"), cls + ": a cache of its own " + values);
            assertFalse(values.containsKey("maxMemory") || values.containsKey("pageSize"), "the group's: " + values);
        }
        assertNull(recommendation(section, w.burst).get("sizeClassGroup"));
        List<Map<String, Object>> groups = list(section, "sizeClassGroups").stream().map(g -> obj(g)).toList();
        assertEquals(1, groups.size(), groups::toString);
        Map<String, Object> g = groups.getFirst();
        assertEquals(w.group, g.get("group"));
        assertEquals(w.largeStats.waiveBudget(), num(g, "budgetWaives"));
        List<Map<String, Object>> classes = list(g, "classes").stream().map(c -> obj(c)).toList();
        assertEquals(List.of(w.small, w.large), classes.stream().map(c -> str(c, "pool")).toList());
        assertEquals(List.of(2048L, 16384L), classes.stream().map(c -> num(c, "pageSize")).toList());
        double shares = classes.stream().mapToDouble(c -> dbl(c, "budgetShare")).sum();
        assertEquals(1.0, shares, 1e-9, "budget waives: the shares split the budget");
        assertTrue(dbl(classes.get(1), "budgetShare") > dbl(classes.get(0), "budgetShare"),
                "the waived class needs the larger share: " + classes);
        long needs = classes.stream().mapToLong(c -> num(c, "needBytes")).sum();
        Map<String, String> values = values(g);
        assertTrue(ReportContentTest.parseSize(values.get("maxMemory")) >= Math.max(needs,
                2 * TruthWorkload.CLASS_BUDGET), "one budget: every class's need, twice the one spent: " + values);
        assertEquals("-javaagent:pagepool-agent.jar=" + str(g, "agentOptions"), str(g, "line"));

        String text = Reports.run(w.file.toString(), "--min-span=0", "--quiet").out();
        assertTrue(text.contains("Size classes " + w.group + " (2 classes under one budget)"), text);
        assertTrue(text.contains("Class " + w.small + " of " + w.group) && text.contains("Class " + w.large + " of "
                + w.group), "a recommendation per class");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  " + w.small + " ") && l.contains("2.0 KiB"))
                && text.lines().anyMatch(l -> l.startsWith("  " + w.large + " ") && l.contains("16.0 KiB")),
                "a row per class with its page size");
    }
}
