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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recommendations of one recording: one per pool in report order (a size class's carries its
 * own cache, refill and ring), and one per size-class group (its budget, its shares, its agent
 * line).
 *
 * @param pools one per pool, size classes of a group together, smallest first
 * @param groups one per size-class group
 * @param groupOfPool pool name to its group's name, for the pools that are size classes
 */
record Recommendations(List<Recommendation> pools, List<GroupRecommendation> groups, Map<String, String> groupOfPool) {
    static Recommendations of(RecordingSummary r, Evidence.Bar bar) {
        List<GroupRecommendation> groups = new ArrayList<>();
        Map<String, Recommendation> byPool = new HashMap<>();
        Map<String, String> groupOfPool = new HashMap<>();
        SizeClasses.groups(r.pools.values()).forEach((name, classes) -> {
            GroupRecommendation g = GroupRecommendation.of(name, classes, r, bar);
            groups.add(g);
            for (Recommendation c : g.classes()) {
                byPool.put(c.pool(), c);
                groupOfPool.put(c.pool(), name);
            }
        });
        List<Recommendation> pools = new ArrayList<>();
        for (PoolSummary p : SizeClasses.ordered(r.pools.values())) {
            Recommendation c = byPool.get(p.name);
            pools.add(c != null ? c : Recommender.recommend(p, r.caches(p.name), r.tuner, bar, false));
        }
        return new Recommendations(List.copyOf(pools), List.copyOf(groups), Map.copyOf(groupOfPool));
    }
}
