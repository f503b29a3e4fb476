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
import jdk.jfr.consumer.RecordedEvent;

/**
 * The agent's rewritten {@code allocateDirect} call sites: the scoped-release verdict of each
 * ({@code io.pagepool.ScopeVerdict}), and, when the recording has them, its mode decisions
 * ({@code io.pagepool.SiteDecision}) and its page figures ({@code io.pagepool.SiteStatistics}, or
 * the latest decision's). The three events name a site by the same {@code className},
 * {@code method} (name and JVM descriptor) and {@code line}; the events are read by name and
 * field, so a recording of any agent version reads (a missing field is 0 or null). At most
 * {@link #MAX_SITES} sites, {@link #MAX_DECISIONS} decisions each; beyond, counted. Not thread-safe.
 */
final class CallSites {
    static final String SCOPE_VERDICT = "io.pagepool.ScopeVerdict";
    static final String SITE_DECISION = "io.pagepool.SiteDecision";
    static final String SITE_STATISTICS = "io.pagepool.SiteStatistics";
    static final int MAX_SITES = 4096;
    static final int MAX_DECISIONS = 64;
    /** The page figures of SiteDecision and SiteStatistics, pages so far, in the order of {@link Site#figures}. */
    static final List<String> FIGURES = List.of("served", "returnedScoped", "returnedMethod", "returnedCleaner",
            "returnedApi", "returnedReachability", "inFlight", "jdkServed");

    /** A mode change of one site. */
    record Decision(long timeNanos, String before, String after, String reason) {
    }

    /** One call site. */
    static final class Site {
        final String className;
        final String method;
        final int line;
        /** Null without a ScopeVerdict. */
        Boolean scoped;
        String reason;
        /** Java notation from SiteDecision ("pkg.Class.method(Type) line N"), or null. */
        String name;
        /** POOLED or JDK, from the latest SiteStatistics or SiteDecision; null without them. */
        String mode;
        /** Pages so far, as of {@link #figuresNanos}; null without SiteStatistics or SiteDecision. */
        long[] figures;
        long figuresNanos = Long.MIN_VALUE;
        final List<Decision> decisions = new ArrayList<>();
        long decisionsOmitted;

        Site(String className, String method, int line) {
            this.className = className;
            this.method = method;
            this.line = line;
        }

        /** {@code SimNic.receiveAndTransmit(int, long, TxRing)}. */
        String java() {
            return JavaNotation.site(className, method);
        }

        long figure(String name) {
            return figures == null ? 0 : figures[FIGURES.indexOf(name)];
        }
    }

    private final Map<String, Site> sites = new LinkedHashMap<>();
    long sitesOmitted;
    long decisionsTotal;
    boolean anyFigures;

    /** The key that joins a site's events and its allocation samples. */
    static String key(String className, String method, int line) {
        return JavaNotation.binaryName(className) + '\u0000' + method + '\u0000' + line;
    }

    /**
     * Takes the event when it is one of the three site events.
     *
     * @return false for any other event
     */
    boolean accept(String type, RecordedEvent e, long nanos) {
        switch (type) {
            case SCOPE_VERDICT -> {
                Site s = site(e);
                if (s != null) {
                    s.scoped = Ev.boolField(e, "scoped");
                    s.reason = Ev.stringField(e, "reason");
                }
            }
            case SITE_DECISION -> {
                decisionsTotal++;
                Site s = site(e);
                if (s != null) {
                    decision(s, new Decision(nanos, Ev.stringField(e, "before"), Ev.stringField(e, "after"),
                            Ev.stringField(e, "reason")));
                    s.name = Ev.stringField(e, "site");
                    figures(s, e, nanos, Ev.stringField(e, "after"));
                }
            }
            case SITE_STATISTICS -> {
                Site s = site(e);
                if (s != null) {
                    figures(s, e, nanos, Ev.stringField(e, "mode"));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void decision(Site s, Decision d) {
        if (s.decisions.size() < MAX_DECISIONS) {
            s.decisions.add(d);
        } else {
            s.decisionsOmitted++;
        }
    }

    private void figures(Site s, RecordedEvent e, long nanos, String mode) {
        if (nanos < s.figuresNanos) {
            return; // an older snapshot: the figures are "so far", the latest wins
        }
        long[] f = new long[FIGURES.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = Ev.longField(e, FIGURES.get(i));
        }
        s.figures = f;
        s.figuresNanos = nanos;
        if (mode != null) {
            s.mode = mode;
        }
        anyFigures = true;
    }

    private Site site(RecordedEvent e) {
        String className = Ev.stringField(e, "className");
        String method = Ev.stringField(e, "method");
        long line = e.hasField("line") ? e.getLong("line") : -1;
        return site(className == null ? "unknown" : className, method == null ? "unknown" : method, (int) line);
    }

    private Site site(String className, String method, int line) {
        String key = key(className, method, line);
        Site s = sites.get(key);
        if (s == null) {
            if (sites.size() >= MAX_SITES) {
                sitesOmitted++;
                return null;
            }
            s = new Site(JavaNotation.binaryName(className), method, line);
            sites.put(key, s);
        }
        return s;
    }

    /** The sites: the most pages served first, then by class, method and line. */
    List<Site> sites() {
        List<Site> out = new ArrayList<>(sites.values());
        out.sort(Comparator.comparingLong((Site s) -> -s.figure("served")).thenComparing(s -> s.className)
                .thenComparing(s -> s.method).thenComparingInt(s -> s.line));
        return out;
    }

    boolean isEmpty() {
        return sites.isEmpty();
    }

    /** Adds another recording's sites (the combined view): figures of two processes add up. */
    void merge(CallSites o) {
        sitesOmitted += o.sitesOmitted;
        decisionsTotal += o.decisionsTotal;
        anyFigures |= o.anyFigures;
        for (Site os : o.sites.values()) {
            Site s = site(os.className, os.method, os.line);
            if (s == null) {
                continue;
            }
            if (s.scoped == null) {
                s.scoped = os.scoped;
                s.reason = os.reason;
            }
            s.name = s.name == null ? os.name : s.name;
            os.decisions.forEach(d -> decision(s, d));
            s.decisionsOmitted += os.decisionsOmitted;
            if (os.figures != null) {
                if (s.figures == null) {
                    s.figures = new long[FIGURES.size()];
                }
                for (int i = 0; i < s.figures.length; i++) {
                    s.figures[i] += os.figures[i];
                }
                if (os.figuresNanos >= s.figuresNanos) {
                    s.mode = os.mode == null ? s.mode : os.mode;
                    s.figuresNanos = os.figuresNanos;
                }
            }
        }
    }
}
