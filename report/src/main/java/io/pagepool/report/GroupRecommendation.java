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

/**
 * Agent options for a size-class group ({@link SizeClasses}): one budget for all its classes, the
 * sum of what each class needs by {@link Recommender#HEADROOM_RULE} (twice its peak for a class
 * whose allocations were waived at the budget), and, when the recording shows budget waives, each
 * class's share of it. The agent's {@code cache=}, {@code refill=} and {@code ring=} apply to
 * every class, so the line takes the largest class's value; each class's own is in its
 * {@link Recommendation}.
 *
 * @param group the group's name ({@code agent} for {@code agent-2k}, {@code agent-64k}…)
 * @param classes one recommendation per class, smallest class first
 * @param shares what each class needs of the budget, in the same order
 * @param evidence the group's load: its busiest class's time and intervals, all its pages
 * @param budgetWaives allocations waived at the budget, all classes
 * @param values the group's options, in the order of the line
 */
record GroupRecommendation(String group, List<Recommendation> classes, List<Share> shares, Evidence evidence,
                           long budgetWaives, List<Recommendation.Value> values) {
    /**
     * One class's part of the budget.
     *
     * @param pool the class's pool
     * @param pageSize its page size
     * @param peakBytes the most it mapped
     * @param needBytes what it needs by the headroom rule
     * @param share its need over the group's, 0..1
     */
    record Share(String pool, long pageSize, long peakBytes, long needBytes, double share) {
    }

    static GroupRecommendation of(String group, List<PoolSummary> pools, RecordingSummary r, Evidence.Bar bar) {
        List<Recommendation> classes = new ArrayList<>();
        double observed = 0;
        long intervals = 0;
        long active = 0;
        long pages = 0;
        long waives = 0;
        long needSum = 0;
        long[] needs = new long[pools.size()];
        boolean sameBudget = pools.stream().mapToLong(p -> p.maxMemory).distinct().count() == 1;
        long recordedBudget = sameBudget ? pools.getFirst().maxMemory
                : pools.stream().mapToLong(p -> p.maxMemory).sum();
        for (int i = 0; i < pools.size(); i++) {
            PoolSummary p = pools.get(i);
            classes.add(Recommender.recommend(p, r.caches(p.name), r.tuner, bar, true));
            observed = Math.max(observed, p.observedNanos / 1e9);
            intervals = Math.max(intervals, p.statisticsEvents);
            active = Math.max(active, p.activeIntervals);
            pages += p.total(PoolCounter.ALLOC_PAGES);
            long classWaives = p.total(PoolCounter.WAIVE_BUDGET);
            waives += classWaives;
            needs[i] = classWaives > 0 ? Math.max(Recommender.budgetNeed(p), Recommender.roundUp(2 * p.bytesMappedPeak))
                    : Recommender.budgetNeed(p);
            needSum += needs[i];
        }
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            PoolSummary p = pools.get(i);
            shares.add(new Share(p.name, p.pageSize, p.bytesMappedPeak, needs[i],
                    needSum == 0 ? 0 : (double) needs[i] / needSum));
        }
        Evidence evidence = new Evidence(observed, intervals, active, pages, bar);
        List<Recommendation.Value> values = new ArrayList<>();
        if (!evidence.sufficient()) {
            values.add(new Recommendation.Value("tune", "on", "the recording is " + evidence.verdict()
                    + " to size the classes: keep the online tuner"));
            return new GroupRecommendation(group, classes, shares, evidence, waives, values);
        }
        values.add(new Recommendation.Value("tune", "off", "fixed values below instead of the online tuner"));
        for (String key : List.of("cache", "refill", "ring")) {
            largest(classes, key, values);
        }
        long budget = Recommender.roundUp(waives > 0 ? Math.max(needSum, 2 * recordedBudget) : needSum);
        String reason = "one budget for " + Units.count(pools.size()) + " classes" + ": the sum of what each needs, "
                + Recommender.HEADROOM_RULE + (waives > 0 ? "; " + Units.plural(waives, "allocation")
                + " waived at the budget of " + Units.bytes(recordedBudget) + ": at least twice it, and twice the"
                + " peak of each class that was waived" : "");
        values.add(new Recommendation.Value("maxMemory", Units.agentSize(budget), reason));
        return new GroupRecommendation(group, classes, shares, evidence, waives, values);
    }

    /** The largest value of {@code key} among the classes sized, with which class asks for it. */
    private static void largest(List<Recommendation> classes, String key, List<Recommendation.Value> out) {
        String from = null;
        long most = 0;
        for (Recommendation c : classes) {
            String v = c.value(key);
            if (v != null && c.evidence().sufficient() && Long.parseLong(v) > most) {
                most = Long.parseLong(v);
                from = c.pool();
            }
        }
        if (from != null) {
            out.add(new Recommendation.Value(key, Long.toString(most), "applies to every class: the largest class"
                    + " value (" + from + "; each class's own below)"));
        }
    }

    /** {@code -javaagent:pagepool-agent.jar=tune=off,...} for the whole group. */
    String line() {
        return new Recommendation(group, evidence, values).line();
    }

    String agentOptions() {
        return new Recommendation(group, evidence, values).agentOptions();
    }
}
