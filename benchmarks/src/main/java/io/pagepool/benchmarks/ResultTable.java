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
package io.pagepool.benchmarks;

import io.pagepool.report.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Prints the suite's results ({@code results.json} from {@code -rf json}) as one table, each row
 * with its ratio to its class's baseline measured in the same run, its heap allocation per op
 * ({@code -prof gc}, when present), and then the project's performance targets as ratios.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pagepool.benchmarks.ResultTable [--quick] [results.json]}
 * ({@code --quick}: the results of {@code ./pagepool bench --quick}, whose one short fork does not
 * judge the targets: the table shows them unjudged).
 *
 * <p>For the cross-thread groups the score shown is the allocating thread's: it handles every
 * page, so its time per op is the group's wall time per page. Their B/op is per page too: JMH
 * divides the bytes by the ops of all the group's threads, and both sides (the allocating thread,
 * and the releasing threads together) count every page, so the table multiplies JMH's figure by
 * {@value #GROUP_COUNTING_SIDES}.
 */
public final class ResultTable {
    /**
     * A class's baseline: a method (or a group for the cross-thread ones), and, when the baseline
     * is one value of a parameter of that method, that parameter ({@code param} null otherwise).
     */
    record Baseline(String method, String param, String value) {
        static Baseline method(String method) {
            return new Baseline(method, null, null);
        }

        boolean is(Row r) {
            return r.method().equals(method) && (param == null || value.equals(r.params().get(param)));
        }
    }

    /** The baseline of each benchmark class. ContendedReturn has none: it is compared with the kernel's figures. */
    private static final Map<String, Baseline> BASELINES = Map.of(
            "FastPath", Baseline.method("none"),
            "RingPath", Baseline.method("handoff"),
            "Bulk", Baseline.method("single"),
            "SlowPath", Baseline.method("recycled"),
            "StatsOverhead", Baseline.method("statsOff"),
            "AgentPath", Baseline.method("jdk"),
            "RecorderOverhead", new Baseline("allocWriteRelease", "mode", "none"));
    /** The allocating thread's method of each group: its score is the wall time per page. */
    private static final Map<String, String> GROUP_PRODUCERS = Map.of(
            "ring", "alloc",
            "handoff", "produce",
            "returners4", "alloc4",
            "returners8", "alloc8");
    /**
     * The sides of a cross-thread group that each count every page as an op: the allocating thread,
     * and the releasing threads together (each counts the pages it releases). JMH's
     * {@code gc.alloc.rate.norm} divides by the ops of all threads, so it is bytes per this many ops.
     */
    static final int GROUP_COUNTING_SIDES = 2;
    /** Below this, {@code gc.alloc.rate.norm} is JMH's own noise: zero allocation per op. */
    private static final double ZERO_BYTES = 0.5;
    /** Heap bytes of one direct ByteBuffer view (compressed oops): allocBuffer's price per lease. */
    private static final int VIEW_BYTES = 64;
    private static final double KERNEL_PTR_RING_4_NANOS = 1700;
    private static final double KERNEL_PTR_RING_8_NANOS = 3000;

    /**
     * One benchmark result. {@code bytesPerOp} is NaN without {@code -prof gc}; {@code spread} is
     * (slowest - fastest) / fastest over the measured iterations, NaN with fewer than two.
     */
    record Row(String benchmarkClass, String method, Map<String, String> params, double score, double error,
               String unit, double bytesPerOp, double spread) {
        String name() {
            return benchmarkClass + "." + method;
        }

        String paramText() {
            if (params.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            params.forEach((k, v) -> out.append(out.isEmpty() ? "" : " ").append(k).append('=').append(v));
            return out.toString();
        }
    }

    /**
     * One target: {@code met} is null when the run has no data for it, or it is information only;
     * {@code noisy} names a result whose iterations spread more than {@link #NOISY_SPREAD}, whose
     * verdict is then not to be trusted (another process shared the cores: run again).
     */
    record Check(String what, String measured, String target, Boolean met, String noisy) {
        Check(String what, String measured, String target, Boolean met) {
            this(what, measured, target, met, null);
        }

        /** The verdict column; of a quick run, a judged target is shown unjudged. */
        String verdict(boolean quick) {
            if (quick && met != null) {
                return NOT_JUDGED;
            }
            String v = met == null ? "" : met ? "met" : "MISSED";
            return noisy == null ? v : (v + " (noisy: " + noisy + ")").strip();
        }
    }

    /** The verdict of a target in a quick run. */
    static final String NOT_JUDGED = "not judged (--quick)";
    /** The line a quick run's table starts with. */
    static final String QUICK_NOTE = "Quick run: one short fork on a shared machine does not judge the targets"
            + " (the ratios move ±30 % between runs); judge them with ./pagepool bench -f 3 (three full forks).";

    /** Iterations of one result that differ by more than this are reported as noisy. */
    static final double NOISY_SPREAD = 0.25;

    private static Check judged(String what, String measured, String target, Boolean met, Row... inputs) {
        StringBuilder noisy = new StringBuilder();
        for (Row r : inputs) {
            if (r != null && r.spread() > NOISY_SPREAD) {
                noisy.append(noisy.isEmpty() ? "" : ", ").append(r.method()).append(" iterations vary ")
                        .append(String.format(Locale.ROOT, "%.0f %%", r.spread() * 100));
            }
        }
        return new Check(what, measured, target, met, noisy.isEmpty() ? null : noisy.toString());
    }

    private final List<Row> rows;

    ResultTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Prints the table of a JMH result file.
     *
     * @param args {@code --quick} for a quick run's results (targets not judged), then the result
     *     file (default {@code benchmarks/target/results.json})
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int first = quick ? 1 : 0;
        Path file = Path.of(args.length > first ? args[first] : "benchmarks/target/results.json");
        ResultTable table = read(file);
        table.print(System.out, quick);
    }

    static ResultTable read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static ResultTable parse(String json) {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) JsonParser.parseAllowingNonFinite(json)) {
            Map<String, Object> run = (Map<String, Object>) o;
            String benchmark = (String) run.get("benchmark");
            int lastDot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', lastDot - 1) + 1, lastDot);
            String method = benchmark.substring(lastDot + 1);
            Map<String, String> params = new LinkedHashMap<>();
            Object p = run.get("params");
            if (p instanceof Map<?, ?> map) {
                map.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Object> secondary = run.get("secondaryMetrics") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
            Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
            String producer = GROUP_PRODUCERS.get(method);
            if (producer != null && secondary.get(producer) instanceof Map<?, ?> producerMetric) {
                metric = (Map<String, Object>) producerMetric;
            }
            double bytes = Double.NaN;
            for (Map.Entry<String, Object> e : secondary.entrySet()) {
                if (e.getKey().replace("\u00b7", "").equals("gc.alloc.rate.norm")) {
                    bytes = number(((Map<String, Object>) e.getValue()).get("score"));
                }
            }
            if (producer != null) {
                bytes *= GROUP_COUNTING_SIDES; // per page, not per op of either side
            }
            rows.add(new Row(className.replaceFirst("Benchmark$", ""), method, params, number(metric.get("score")),
                    number(metric.get("scoreError")), String.valueOf(metric.get("scoreUnit")), bytes,
                    spread(metric.get("rawData"))));
        }
        return new ResultTable(rows);
    }

    /** (max - min) / min over every iteration of every fork in JMH's {@code rawData}. */
    private static double spread(Object rawData) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        if (rawData instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> iterations) {
                    for (Object value : iterations) {
                        double v = number(value);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        n++;
                    }
                }
            }
        }
        return n < 2 || min <= 0 ? Double.NaN : (max - min) / min;
    }

    private static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * The row's baseline: same class, the baseline method (with the baseline's parameter value, if
     * it has one), and every other parameter the baseline has equal.
     */
    Row baselineOf(Row row) {
        Baseline baseline = BASELINES.get(row.benchmarkClass());
        if (baseline == null) {
            return null;
        }
        for (Row b : rows) {
            if (b.benchmarkClass().equals(row.benchmarkClass()) && baseline.is(b) && b.params().entrySet().stream()
                    .filter(e -> !e.getKey().equals(baseline.param()))
                    .allMatch(e -> Objects.equals(row.params().get(e.getKey()), e.getValue()))) {
                return b;
            }
        }
        return null;
    }

    private Row find(String benchmarkClass, String method, Predicate<Row> filter) {
        for (Row r : rows) {
            if (r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method) && filter.test(r)) {
                return r;
            }
        }
        return null;
    }

    private Row find(String benchmarkClass, String method, String param, String value) {
        return find(benchmarkClass, method, r -> param == null || value.equals(r.params().get(param)));
    }

    void print(PrintStream out) {
        print(out, false);
    }

    /** Prints the table; of a quick run ({@code quick}) with a note first and the targets unjudged. */
    void print(PrintStream out, boolean quick) {
        if (quick) {
            out.println(QUICK_NOTE);
            out.println();
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"benchmark", "params", "ns/op", "± error", "spread", "ratio", "B/op"});
        for (Row r : rows) {
            Row base = baselineOf(r);
            String ratio = base == null ? "" : base == r ? "baseline" : format(r.score() / base.score()) + "x";
            String unit = r.unit().equals("ns/op") ? "" : " " + r.unit();
            cells.add(new String[] {r.name(), r.paramText(), format(r.score()) + unit,
                    Double.isNaN(r.error()) ? "-" : format(r.error()),
                    Double.isNaN(r.spread()) ? "-" : String.format(Locale.ROOT, "%.0f %%", r.spread() * 100), ratio,
                    Double.isNaN(r.bytesPerOp()) ? "-" : format(r.bytesPerOp())});
        }
        out.println("pagepool benchmarks: one op = one page; ratio = ns/op over the class's baseline (same run);");
        out.println("spread = (slowest - fastest) / fastest iteration: above "
                + String.format(Locale.ROOT, "%.0f %%", NOISY_SPREAD * 100)
                + " something else was using the cores, run again");
        out.println();
        printColumns(out, cells, new boolean[] {false, false, true, true, true, true, true});
        out.println();
        out.println("Targets (ratios within this run):");
        List<String[]> checkCells = new ArrayList<>();
        for (Check c : checks()) {
            checkCells.add(new String[] {c.what(), c.measured(), c.target(),
                    c.verdict(quick)});
        }
        printColumns(out, checkCells, new boolean[] {false, true, false, false});
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        Set<String> pageSizes = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.benchmarkClass().equals("FastPath") && r.params().containsKey("pageSize")) {
                pageSizes.add(r.params().get("pageSize"));
            }
        }
        for (String size : pageSizes) {
            String at = " (pageSize=" + size + ")";
            Row none = find("FastPath", "none", "pageSize", size);
            Row pool = find("FastPath", "pool", "pageSize", size);
            Row page = find("FastPath", "poolPage", "pageSize", size);
            checks.add(ratio("FastPath pool / none" + at, pool, none, 1.5, true));
            checks.add(ratio("FastPath poolPage / none" + at, page, none, 1.5, true));
            checks.add(ratio("FastPath noneArena / none" + at, find("FastPath", "noneArena", "pageSize", size), none,
                    Double.NaN, true));
            checks.add(ratio("FastPath jdkAllocateDirect / pool" + at,
                    find("FastPath", "jdkAllocateDirect", "pageSize", size), pool, 100, false));
            checks.add(ratio("FastPath nettyAdaptive / pool" + at,
                    find("FastPath", "nettyAdaptive", "pageSize", size), pool, 10, false));
            checks.add(ratio("FastPath nettyPooled / pool" + at,
                    find("FastPath", "nettyPooled", "pageSize", size), pool, Double.NaN, false));
            // the ByteBuffer API hands out a new view per lease (a stale release(buf) must not end a
            // later lease); the Page API is the allocation-free path
            checks.add(bytesAtMost("FastPath pool B/op (one view per lease)" + at, pool, VIEW_BYTES));
            checks.add(zeroBytes("FastPath poolPage B/op" + at, page));
        }
        Row ring = find("RingPath", "ring", null, null);
        if (ring != null) {
            checks.add(judged("RingPath ring: ns per page", format(ring.score()) + " ns", "<= 25 ns",
                    ring.score() <= 25, ring));
            checks.add(ratio("RingPath ring / handoff", ring, find("RingPath", "handoff", null, null), Double.NaN,
                    true));
            checks.add(zeroBytes("RingPath ring B/op", ring));
        }
        Row statsOff = find("StatsOverhead", "statsOff", null, null);
        Row statsOn = find("StatsOverhead", "statsOn", null, null);
        if (statsOn != null && statsOff != null) {
            double overhead = statsOn.score() / statsOff.score() - 1;
            checks.add(judged("StatsOverhead statsOn / statsOff - 1", percent(overhead), "<= 3 %",
                    overhead <= 0.03, statsOn, statsOff));
        }
        Row staticOff = find("StatsOverhead", "staticOff", null, null);
        if (staticOff != null && statsOff != null) {
            checks.add(new Check("StatsOverhead staticOff / statsOff - 1",
                    percent(staticOff.score() / statsOff.score() - 1), "(information)", null));
        }
        for (String mode : new String[] {"registered", "jfc", "defaultAndJfc"}) {
            Row r = find("RecorderOverhead", "allocWriteRelease", "mode", mode);
            Row recorderNone = r == null ? null : baselineOf(r);
            if (recorderNone != null && recorderNone != r) {
                double overhead = r.score() / recorderNone.score() - 1;
                String target = mode.equals("registered") ? "~0 %" : mode.equals("jfc") ? "<= 5 %" : "(information)";
                Boolean met = mode.equals("jfc") ? Boolean.valueOf(overhead <= 0.05) : null;
                checks.add(met == null
                        ? new Check("RecorderOverhead " + mode + " / none - 1", percent(overhead), target, null)
                        : judged("RecorderOverhead " + mode + " / none - 1", percent(overhead), target, met, r,
                                recorderNone));
            }
        }
        Row bulk = find("Bulk", "bulk", null, null);
        Row single = find("Bulk", "single", null, null);
        if (bulk != null && single != null) {
            checks.add(new Check("Bulk single / bulk (per page)", format(single.score() / bulk.score()) + "x",
                    "(information)", null));
        }
        Row recycled = find("SlowPath", "recycled", null, null);
        for (Row r : rows) {
            if (r.benchmarkClass().equals("SlowPath") && r.method().equals("mapFresh") && recycled != null) {
                checks.add(new Check("SlowPath mapFresh / recycled (" + r.paramText() + ")",
                        format(r.score() / recycled.score()) + "x", "(the map cost recycling avoids)", null));
            }
        }
        addContended(checks, "returners4", KERNEL_PTR_RING_4_NANOS, 4);
        addContended(checks, "returners8", KERNEL_PTR_RING_8_NANOS, 8);
        return checks;
    }

    private void addContended(List<Check> checks, String group, double kernelNanos, int threads) {
        Row r = find("ContendedReturn", group, null, null);
        if (r != null) {
            double faster = kernelNanos / r.score();
            checks.add(judged("ContendedReturn " + threads + " releasers: kernel ptr_ring "
                    + format(kernelNanos) + " ns / pagepool " + format(r.score()) + " ns per page",
                    format(faster) + "x", ">= 100x", faster >= 100, r));
        }
    }

    /** {@code top / bottom}, checked against {@code limit}: at most when {@code atMost}, else at least. */
    private static Check ratio(String what, Row top, Row bottom, double limit, boolean atMost) {
        if (top == null || bottom == null) {
            return new Check(what, "-", "(not in this run)", null);
        }
        double value = top.score() / bottom.score();
        if (Double.isNaN(limit)) {
            return judged(what, format(value) + "x", "(information)", null, top, bottom);
        }
        return judged(what, format(value) + "x", (atMost ? "<= " : ">= ") + format(limit) + "x",
                atMost ? value <= limit : value >= limit, top, bottom);
    }

    private static Check zeroBytes(String what, Row row) {
        return bytesAtMost(what, row, 0);
    }

    private static Check bytesAtMost(String what, Row row, int limit) {
        String target = limit == 0 ? "0" : "<= " + limit;
        if (row == null || Double.isNaN(row.bytesPerOp())) {
            return new Check(what, "-", target + " (needs -prof gc)", null);
        }
        return new Check(what, format(row.bytesPerOp()), target, row.bytesPerOp() < limit + ZERO_BYTES);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : abs == 0 ? "%.0f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    private static void printColumns(PrintStream out, List<String[]> cells, boolean[] right) {
        int[] widths = new int[right.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String pad = " ".repeat(widths[i] - line[i].length());
                text.append(i == 0 ? "" : "  ").append(right[i] ? pad + line[i] : line[i] + pad);
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
