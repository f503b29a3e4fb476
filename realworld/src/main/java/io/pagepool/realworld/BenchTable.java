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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The bench's output: one text row per target and the JSON of every run. A row's figures are
 * medians over its rounds; release-path shares are summed over the agent's runs.
 */
final class BenchTable {
    private static final double MIB = 1 << 20;

    private BenchTable() {
    }

    static String text(Map<Target, List<Run[]>> pairs) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-26s %-20s %6s %9s %13s %9s %-17s %-14s %8s %13s %8s%n",
                "target", "agent/JDK by round", "median", "JDK eps", "CPU us/echo", "served", "scoped/unr/expl",
                "waive b/s/c", "inflight", "direct MiB", "pool MiB"));
        s.append(String.format(Locale.ROOT, "%-26s %-20s %6s %9s %13s %9s %-17s %-14s %8s %13s %8s%n",
                "", "", "", "", "JDK/agent", "(agent)", "% of served", "(agent)", "peak", "JDK/agent", "peak"));
        for (Map.Entry<Target, List<Run[]>> e : pairs.entrySet()) {
            List<Run[]> runs = e.getValue();
            StringJoiner rounds = new StringJoiner(" ");
            for (Run[] pair : runs) {
                rounds.add(String.format(Locale.ROOT, "%.2f", RealworldBench.ratio(pair[0], pair[1])));
            }
            long served = sum(runs, r -> r[1].summary().served());
            s.append(String.format(Locale.ROOT, "%-26s %-20s %6.2f %9.0f %6.1f/%-6.1f %9.0f %-17s %-14s %8.0f"
                            + " %6.1f/%-6.1f %8.1f%s%n",
                    e.getKey().name(), rounds, RealworldBench.median(runs, p -> RealworldBench.ratio(p[0], p[1])),
                    median(runs, p -> p[0].load().echoesPerSecond()), median(runs, p -> p[0].cpuMicrosPerEcho()),
                    median(runs, p -> p[1].cpuMicrosPerEcho()), median(runs, p -> p[1].summary().served()),
                    shares(runs, served),
                    String.format(Locale.ROOT, "%.0f/%.0f/%.0f", median(runs, p -> p[1].server().resultLong(
                            "waiveBudget")), median(runs, p -> p[1].server().resultLong("waiveSize")),
                            median(runs, p -> p[1].server().resultLong("waiveClosed"))),
                    median(runs, p -> p[1].server().resultLong("inflightPeakPages")),
                    median(runs, p -> p[0].server().resultLong("directPeakBytes") / MIB),
                    median(runs, p -> p[1].server().resultLong("directPeakBytes") / MIB),
                    median(runs, p -> p[1].server().resultLong("mappedPeakBytes") / MIB),
                    notes(runs)));
        }
        s.append("""

                ratio: agent/JDK intact echoes per second in one round (whole processes, alternating); eps: echoes/s;
                CPU: the server's user+system time during the measured load per echo (/proc, 10 ms ticks);
                served and waives (budget/size/closed): requests the pool served and declined, from the agent's exit
                summary and the pool's MXBean; shares: pages returned by scoped release, after a GC (unreachable) and by
                an explicit free, in % of served; inflight: pool pages leased at the peak; direct: the JDK's
                BufferPoolMXBean "direct" peak; pool: memory the pool mapped at the peak.
                """);
        return s.toString();
    }

    static String json(Map<Target, List<Run[]>> pairs, int rounds, double seconds, String options) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "{\"rounds\":%d,\"seconds\":%s,\"agentOptions\":\"%s\",\"targets\":[",
                rounds, seconds, escape(options)));
        StringJoiner targets = new StringJoiner(",");
        for (Map.Entry<Target, List<Run[]>> e : pairs.entrySet()) {
            List<Run[]> runs = e.getValue();
            StringJoiner rs = new StringJoiner(",");
            for (Run[] pair : runs) {
                rs.add("{\"ratio\":" + number(RealworldBench.ratio(pair[0], pair[1])) + ",\"jdk\":" + run(pair[0])
                        + ",\"agent\":" + run(pair[1]) + "}");
            }
            targets.add(String.format(Locale.ROOT, "{\"name\":\"%s\",\"mainClass\":\"%s\",\"protocol\":\"%s\","
                            + "\"jvmFlags\":\"%s\",\"medianRatio\":%s,\"rounds\":[%s]}", e.getKey().name(),
                    e.getKey().mainClass(), e.getKey().protocol(), escape(String.join(" ", e.getKey().jvmFlags())),
                    number(RealworldBench.median(runs, p -> RealworldBench.ratio(p[0], p[1]))), rs));
        }
        return s.append(targets).append("]}\n").toString();
    }

    private static String run(Run r) {
        LoadResult l = r.load();
        AgentSummary a = r.summary();
        StringJoiner returned = new StringJoiner(",");
        a.returned().forEach((k, v) -> returned.add("\"" + escape(k) + "\":" + v));
        return String.format(Locale.ROOT, "{\"echoesPerSecond\":%s,\"sent\":%d,\"received\":%d,\"lost\":%d,\"late\":%d,"
                        + "\"corrupt\":%d,\"cpuMicrosPerEcho\":%s,\"exitStatus\":%d,\"directPeakBytes\":%d,"
                        + "\"inflightPeakPages\":%d,\"inflightPagesAtExit\":%d,\"poolMappedPeakBytes\":%d,"
                        + "\"waiveBudget\":%d,\"waiveSize\":%d,\"waiveClosed\":%d,\"agentSummary\":%s,\"served\":%d,"
                        + "\"waived\":%d,\"returned\":{%s},\"agentErrors\":%d}",
                number(l.echoesPerSecond()), l.sent(), l.received(), l.lost(), l.late(), l.corrupt(),
                number(r.cpuMicrosPerEcho()), r.exitStatus(), r.server().resultLong("directPeakBytes"),
                r.server().resultLong("inflightPeakPages"), r.server().resultLong("inflightPages"),
                r.server().resultLong("mappedPeakBytes"), r.server().resultLong("waiveBudget"),
                r.server().resultLong("waiveSize"), r.server().resultLong("waiveClosed"), a.present(), a.served(),
                a.waived(), returned, a.errors().size());
    }

    private static String shares(List<Run[]> runs, long served) {
        if (served == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f", 100.0 * sum(runs, r -> r[1].summary().scoped()) / served,
                100.0 * sum(runs, r -> r[1].summary().unreachable()) / served,
                100.0 * sum(runs, r -> r[1].summary().explicit()) / served);
    }

    private static String notes(List<Run[]> runs) {
        StringBuilder s = new StringBuilder();
        for (Run[] pair : runs) {
            s.append(RealworldBench.problems(pair[0])).append(RealworldBench.problems(pair[1]));
        }
        return s.isEmpty() ? "" : "  !" + s;
    }

    private static double median(List<Run[]> runs, ToDoubleFunction<Run[]> f) {
        return RealworldBench.median(runs, f);
    }

    private static long sum(List<Run[]> runs, ToLongFunction<Run[]> f) {
        return runs.stream().mapToLong(f).sum();
    }

    private static String number(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
