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
package io.pagepool.realworld;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's exit summary and error lines, read from a server's stderr. The summary's wording is
 * read leniently (each release path is a {@code label N} pair after {@code pages returned:}), so a
 * new path shows up as explicit without a change here.
 *
 * @param present whether the summary line was printed
 * @param served buffers served from the pool
 * @param waived requests served by the JDK instead
 * @param returned pages returned, by path label ({@code scoped}, {@code unreachable}, ...)
 * @param mappedMiB the pool's mapped memory at exit in MiB
 * @param errors the agent's error lines
 */
public record AgentSummary(boolean present, long served, long waived, Map<String, Long> returned, long mappedMiB,
        List<String> errors) {
    private static final Pattern SERVED = Pattern.compile("served (\\d+) buffers from the pool, (\\d+) from the JDK");
    private static final Pattern RETURNED = Pattern.compile("pages returned: ([^;]*);");
    private static final Pattern PATH = Pattern.compile("\\s*(.*?)\\s+(\\d+)\\s*");
    private static final Pattern MAPPED = Pattern.compile("memory mapped (\\d+) MiB");
    private static final Pattern ERROR = Pattern.compile("(?i)error|could not|cannot|failed|exception|bad agent"
            + " option|without the agent");

    /**
     * Parses a server's stderr.
     *
     * @param stderr all the server printed there
     * @return the summary, not present when the agent printed none
     */
    public static AgentSummary parse(String stderr) {
        String summary = stderr.lines().filter(l -> l.startsWith("pagepool: ") && SERVED.matcher(l).find())
                .findFirst().orElse(null);
        List<String> errors = stderr.lines().filter(l -> l.startsWith("pagepool: ") && ERROR.matcher(l).find()
                && !l.equals(summary)).toList();
        if (summary == null) {
            return new AgentSummary(false, 0, 0, Map.of(), 0, errors);
        }
        Matcher served = SERVED.matcher(summary);
        served.find();
        Map<String, Long> returned = new LinkedHashMap<>();
        Matcher paths = RETURNED.matcher(summary);
        if (paths.find()) {
            for (String part : paths.group(1).split(",")) {
                Matcher p = PATH.matcher(part);
                if (p.matches()) {
                    returned.put(p.group(1), Long.parseLong(p.group(2)));
                }
            }
        }
        Matcher mapped = MAPPED.matcher(summary);
        return new AgentSummary(true, Long.parseLong(served.group(1)), Long.parseLong(served.group(2)),
                returned, mapped.find() ? Long.parseLong(mapped.group(1)) : 0, errors);
    }

    /**
     * Pages returned because the agent proved the buffer dies in its method.
     *
     * @return the page count
     */
    public long scoped() {
        return returned.getOrDefault("scoped", 0L);
    }

    /**
     * Pages returned after a GC found the buffer unreachable.
     *
     * @return the page count
     */
    public long unreachable() {
        return returned.getOrDefault("unreachable", 0L);
    }

    /**
     * Pages returned by an explicit free: every path but scoped and unreachable.
     *
     * @return the page count
     */
    public long explicit() {
        return returned.entrySet().stream().filter(e -> !e.getKey().equals("scoped")
                && !e.getKey().equals("unreachable")).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * A count as a share of the buffers served.
     *
     * @param part a count of pages
     * @return its percentage of {@link #served}, or NaN when none were served
     */
    public double shareOfServed(long part) {
        return served > 0 ? 100.0 * part / served : Double.NaN;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "present=%s served=%d waived=%d returned=%s mappedMiB=%d errors=%s",
                present, served, waived, returned, mappedMiB, errors);
    }
}
