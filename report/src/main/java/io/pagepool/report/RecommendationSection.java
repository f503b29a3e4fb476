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

import java.util.List;

/**
 * The recommendations in a document: per size-class group its line, its options and a row per
 * class (cache, refill, ring, peak, need and, after budget waives, its share); per pool its line
 * (a class's values only: its line is its group's), each value with its reason; a recording too
 * short or quiet says so with its numbers instead of sizes.
 */
final class RecommendationSection {
    private RecommendationSection() {
    }

    static void add(Doc.Section s, RecordingSummary r, Evidence.Bar bar) {
        if (r.pools.isEmpty()) {
            s.text("No pool statistics: nothing to recommend.");
            return;
        }
        Recommendations recs = Recommendations.of(r, bar);
        for (GroupRecommendation g : recs.groups()) {
            s.text("Size classes " + g.group() + " (" + Units.count(g.classes().size())
                    + (g.classes().size() == 1 ? " class" : " classes")
                    + " under one budget), for running with the tuner off:");
            if (!g.evidence().sufficient()) {
                s.text(g.evidence().statement());
            }
            s.code(g.line());
            values(s, g.values());
            Doc.Table t = s.table("Class", "Page size>", "Pages>", "Cache>", "Refill>", "Ring>", "Peak mapped>",
                    "Needs>", "Budget share>", "Evidence");
            for (int i = 0; i < g.classes().size(); i++) {
                Recommendation c = g.classes().get(i);
                GroupRecommendation.Share share = g.shares().get(i);
                t.row(c.pool(), Units.bytes(share.pageSize()), Units.count(c.evidence().pages()),
                        dash(c.value("cache")),
                        dash(c.value("refill")), dash(c.value("ring")), Units.bytes(share.peakBytes()),
                        Units.bytes(share.needBytes()), g.budgetWaives() > 0 ? Units.percent(share.share()) : "-",
                        c.evidence().verdict());
            }
            s.text(g.budgetWaives() > 0 ? "Budget share: each class's need over the group's, by the headroom rule"
                    + " (twice its peak where it was waived): what the tuner should grant it when the budget is short."
                    : "No allocation was waived at the budget: the classes share it first-come, no share is needed.");
        }
        for (Recommendation rec : recs.pools()) {
            String group = recs.groupOfPool().get(rec.pool());
            if (group != null) {
                s.text("Class " + rec.pool() + " of " + group + ": its own values (the agent line is the group's):");
            } else {
                s.text("Pool " + rec.pool() + ", for running with the tuner off:");
                if (!rec.evidence().sufficient()) {
                    s.text(rec.evidence().statement());
                }
                s.code(rec.line());
            }
            values(s, rec.values());
        }
    }

    private static void values(Doc.Section s, List<Recommendation.Value> values) {
        Doc.Table t = s.table("Option", "Value", "Reason");
        for (Recommendation.Value v : values) {
            t.row(v.key(), v.value(), v.reason());
        }
    }

    private static String dash(String v) {
        return v == null ? "-" : v;
    }
}
