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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code allocationSites} and {@code callSites} objects of a recording in the JSON report. */
final class SitesJson {
    private SitesJson() {
    }

    static Map<String, Object> allocationSites(RecordingSummary r) {
        AllocationSites a = r.allocationSites;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", a.samples);
        m.put("byPath", new LinkedHashMap<>(AllocationSites.pathCounts(a.byPath)));
        m.put("withoutStack", a.withoutStack);
        m.put("otherStacks", a.otherStacks);
        List<Object> stacks = new ArrayList<>();
        for (AllocationSites.Stack s : a.stacks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("samples", s.samples);
            x.put("share", a.samples == 0 ? 0.0 : (double) s.samples / a.samples);
            x.put("byPath", new LinkedHashMap<>(AllocationSites.pathCounts(s.byPath)));
            Map<String, Object> sizes = new LinkedHashMap<>();
            s.bySizeClass.forEach((k, v) -> sizes.put(Long.toString(k), v));
            x.put("bySizeClassBytes", sizes);
            x.put("truncated", s.truncated);
            List<Object> frames = new ArrayList<>();
            for (StackFrame f : s.frames) {
                Map<String, Object> fr = new LinkedHashMap<>();
                fr.put("className", f.className());
                fr.put("method", f.methodName());
                fr.put("descriptor", f.descriptor());
                fr.put("line", f.line());
                fr.put("java", f.java());
                frames.add(fr);
            }
            x.put("frames", frames);
            stacks.add(x);
        }
        m.put("stacks", stacks);
        return m;
    }

    static Map<String, Object> callSites(RecordingSummary r) {
        CallSites c = r.callSites;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("omitted", c.sitesOmitted);
        m.put("decisions", c.decisionsTotal);
        List<Object> sites = new ArrayList<>();
        for (CallSites.Site s : c.sites()) {
            SiteAdvice a = SiteAdvice.of(s.scoped, s.reason);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("className", s.className);
            x.put("method", s.method);
            x.put("line", s.line);
            x.put("java", s.java());
            x.put("site", s.name);
            x.put("scoped", s.scoped);
            x.put("verdict", a.verdict());
            x.put("reason", s.reason);
            x.put("plainReason", a.plain());
            x.put("action", a.action());
            x.put("release", a.release());
            x.put("warning", a.warning());
            long[] byPath = r.allocationSites.samplesAt(CallSites.key(s.className, s.method, s.line));
            x.put("samplesByPath", byPath == null ? new LinkedHashMap<>() : new LinkedHashMap<>(
                    AllocationSites.pathCounts(byPath)));
            x.put("mode", s.mode);
            Map<String, Object> figures = null;
            if (s.figures != null) {
                figures = new LinkedHashMap<>();
                for (String f : CallSites.FIGURES) {
                    figures.put(f, s.figure(f));
                }
            }
            x.put("pages", figures);
            List<Object> ds = new ArrayList<>();
            for (CallSites.Decision d : s.decisions) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("time", Units.instant(d.timeNanos()).toString());
                dm.put("offsetSeconds", (d.timeNanos() - r.startNanos) / 1e9);
                dm.put("before", d.before());
                dm.put("after", d.after());
                dm.put("reason", d.reason());
                ds.add(dm);
            }
            x.put("decisions", ds);
            sites.add(x);
        }
        m.put("sites", sites);
        return m;
    }
}
