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
package io.pagepool.tuner;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.testkit.LineLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuner's per-site decisions on a real pool whose pages the test holds (so the pool fills as it
 * would), with the sites' figures set by the test: what the agent's site table would report.
 */
class SitePolicyTest {
    /** 256 pages of 4 KiB. */
    private static final long BUDGET_BYTES = 1L << 20;

    private PagePool pool;
    private final List<Page> held = new ArrayList<>();
    private final ListedSites sites = new ListedSites();
    private Tuner tuner;

    @BeforeEach
    void start() {
        pool = Pools.small().slabBytes(64 << 10).maxMemoryBytes(BUDGET_BYTES).build();
        tuner = Tuner.manual(pool, Pools.quick(new LineLog()), sites);
    }

    @AfterEach
    void stop() {
        held.forEach(Page::release);
        pool.close();
    }

    @Test
    void shouldSendASiteWhosePagesComeBackOnlyThroughReachabilityToTheJdkWhileThePoolFills() {
        hold(140); // 55 % of the budget
        sites.add(new SiteSample(140, 0, 0, 140, 0, true, false));
        tuner.step();
        assertEquals(List.of("0 JDK"), sites.changes());
        assertTrue(sites.reasons.get(0).startsWith("pages come back only through reachability while the pool filled"
                + " (55% of its budget)"), sites.reasons.get(0));
    }

    @Test
    void shouldKeepPoolingASiteWhosePagesComeBackByAnExplicitPath() {
        hold(140);
        sites.add(new SiteSample(300, 160, 0, 140, 0, true, false));
        tuner.step();
        assertEquals(List.of(), sites.changes());
    }

    @Test
    void shouldLeaveAReachabilityOnlySiteAloneWhileThePoolHasRoom() {
        hold(100); // 39 %, and not growing once the tuner has seen it
        sites.add(new SiteSample(0, 0, 0, 0, 0, true, false));
        tuner.step();
        sites.set(0, new SiteSample(100, 0, 0, 100, 0, true, false));
        tuner.step();
        assertEquals(List.of(), sites.changes());
        hold(40); // 55 %
        sites.set(0, new SiteSample(140, 0, 0, 140, 0, true, false));
        tuner.step();
        assertEquals(List.of("0 JDK"), sites.changes());
    }

    @Test
    void shouldSendTheSiteThatFillsThePoolNotASmallOne() {
        hold(140);
        sites.add(new SiteSample(130, 0, 0, 130, 0, true, false));
        sites.add(new SiteSample(10, 0, 0, 10, 0, true, false)); // under 64 pages and under 1/8
        tuner.step();
        assertEquals(List.of("0 JDK"), sites.changes());
    }

    @Test
    void shouldReprobeASiteAtTheJdkWithABackoffThatDoublesUpToItsCap() {
        hold(140);
        long served = 140;
        sites.add(new SiteSample(served, 0, 0, 140, 0, true, false));
        tuner.step();
        List<Integer> waits = new ArrayList<>();
        for (int switches = 0; switches < 6; switches++) {
            assertEquals("0 JDK", last(sites.changes()));
            int steps = 0;
            assertFalse(sites.mode(0), "at the JDK right after the switch");
            do {
                sites.set(0, new SiteSample(served, 0, 0, 140, 1000, false, false));
                tuner.step();
                steps++;
            } while (!sites.mode(0) && steps < 200);
            waits.add(steps);
            assertTrue(last(sites.reasons).startsWith("re-probe after "), last(sites.reasons));
            served += 10; // pooled again, and its pages still pile up
            sites.set(0, new SiteSample(served, 0, 0, 140, 1000, true, false));
            tuner.step();
        }
        assertEquals(List.of(4, 8, 16, 32, 64, 64), waits);
    }

    @Test
    void shouldResetTheBackoffOnceASiteReturnsPagesExplicitly() {
        hold(140);
        sites.add(new SiteSample(140, 0, 0, 140, 0, true, false));
        tuner.step();
        for (int i = 0; i < 4; i++) {
            sites.set(0, new SiteSample(140, 0, 0, 140, 1000, false, false));
            tuner.step();
        }
        assertEquals(List.of("0 JDK", "0 POOLED"), sites.changes());
        sites.set(0, new SiteSample(200, 60, 0, 140, 1000, true, false)); // explicit returns
        tuner.step();
        sites.set(0, new SiteSample(210, 60, 0, 150, 1000, true, false)); // and none again
        tuner.step();
        assertEquals("0 JDK", last(sites.changes()));
        int steps = 0;
        do {
            sites.set(0, new SiteSample(210, 60, 0, 150, 1000, false, false));
            tuner.step();
            steps++;
        } while (!sites.mode(0));
        assertEquals(4, steps, "the first backoff again");
    }

    @Test
    void shouldLeavePinnedSitesAlone() {
        hold(140);
        sites.add(new SiteSample(140, 0, 0, 140, 0, true, true));
        sites.add(new SiteSample(0, 0, 0, 0, 500, false, true));
        tuner.step();
        for (int i = 0; i < 10; i++) {
            tuner.step();
        }
        assertEquals(List.of(), sites.changes());
    }

    @Test
    void shouldSendASiteThePoolDeclinesEntirelyToTheJdkUnlessTheBudgetIsSpent() {
        sites.add(new SiteSample(0, 0, 0, 0, 100, true, false)); // every request larger than a page
        tuner.step();
        assertEquals(List.of("0 JDK"), sites.changes());
        assertTrue(sites.reasons.get(0).startsWith("the pool declined all 100 of its calls"), sites.reasons.get(0));

        ListedSites spent = new ListedSites();
        try (PagePool full = Pools.small().slabBytes(64 << 10).maxMemoryBytes(64 << 10).build()) {
            Tuner t = Tuner.manual(full, Pools.quick(new LineLog()), spent);
            List<Page> pages = new ArrayList<>();
            for (Page p = full.tryAlloc(); p != null; p = full.tryAlloc()) {
                pages.add(p);
            }
            spent.add(new SiteSample(0, 0, 0, 0, 100, true, false)); // declined: the budget is spent
            t.step();
            pages.forEach(Page::release);
        }
        assertEquals(List.of(), spent.changes());
    }

    private void hold(int pages) {
        for (int i = 0; i < pages; i++) {
            held.add(pool.alloc());
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    /** Sites whose figures the test sets; decisions are applied and listed. */
    private static final class ListedSites implements AllocationSites {
        final List<SiteSample> samples = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        void add(SiteSample s) {
            samples.add(s);
        }

        void set(int id, SiteSample s) {
            samples.set(id, s);
        }

        boolean mode(int id) {
            return samples.get(id).pooled();
        }

        List<String> changes() {
            return changes;
        }

        @Override
        public int count() {
            return samples.size();
        }

        @Override
        public SiteSample sample(int id) {
            return samples.get(id);
        }

        @Override
        public boolean decide(int id, boolean pooled, String reason) {
            SiteSample s = samples.get(id);
            if (s.pinned() || s.pooled() == pooled) {
                return false;
            }
            samples.set(id, new SiteSample(s.served(), s.returnedExplicit(), s.returnedReachability(),
                    s.inFlightPages(), s.jdkServed(), pooled, false));
            changes.add(id + (pooled ? " POOLED" : " JDK"));
            reasons.add(reason);
            return true;
        }
    }
}
