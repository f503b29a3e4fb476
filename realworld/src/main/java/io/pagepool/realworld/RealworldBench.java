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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code ./pagepool bench realworld}: alternating whole-process rounds per target (JDK, agent, JDK,
 * agent, ...), then one table of agent/JDK throughput ratios per round and their median, server
 * CPU per echo, the agent's release paths, waives by reason, pages in flight, the JDK's direct
 * memory peak and the pool's memory; and a JSON file of every run. Absolute figures are noisy on
 * a small shared machine; the ratio within one round is what counts.
 *
 * <pre>
 * java -cp pagepool-realworld.jar:DEPS io.pagepool.realworld.RealworldBench --agent-jar JAR
 *      --classpath CP [--rounds 3] [--seconds 3] [--targets a,b] [--agent-options OPTS]
 *      [--json realworld/target/realworld.json] [--logs realworld/target/realworld-logs]
 * </pre>
 */
public final class RealworldBench {
    private static final double WARMUP_SECONDS = 0.5;
    private static final String USAGE = "usage: ./pagepool bench realworld [--rounds N (3)] [--seconds S (3)]"
            + " [--targets a,b,...] [--agent-options OPTS]\n  targets: "
            + String.join(", ", Target.all().stream().map(Target::name).toList());

    private RealworldBench() {
    }

    /**
     * Runs the bench.
     *
     * @param argv the options above
     * @throws Exception when a server fails to start or a TCP client fails
     */
    public static void main(String[] argv) throws Exception {
        if (Arrays.asList(argv).contains("--help") || Arrays.asList(argv).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> args;
        List<Target> targets;
        try {
            args = parse(argv);
            targets = Target.select(args.get("targets"));
        } catch (IllegalArgumentException e) {
            System.err.println("pagepool bench realworld: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
        double seconds = Double.parseDouble(args.getOrDefault("seconds", "3"));
        Path agentJar = Path.of(required(args, "agent-jar"));
        String classpath = required(args, "classpath");
        String options = args.getOrDefault("agent-options", "");
        Path json = Path.of(args.getOrDefault("json", "realworld/target/realworld.json"));
        Path logs = Path.of(args.getOrDefault("logs", "realworld/target/realworld-logs"));
        if (rounds < 1 || seconds <= 0) {
            throw new IllegalArgumentException("--rounds must be >= 1 and --seconds > 0");
        }
        System.out.printf(Locale.ROOT, "realworld bench: %d target(s) x %d round(s) x (JDK, agent%s), %.1f s load"
                + " each after %.1f s warm-up; logs in %s%n", targets.size(), rounds,
                options.isEmpty() ? "" : " " + options, seconds, WARMUP_SECONDS, logs);
        Map<Target, List<Run[]>> pairs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Target t : targets) {
                String base = t.name() + "-r" + round;
                Run jdk = Run.once(t, classpath, null, null, logs, base + "-jdk", WARMUP_SECONDS, seconds,
                        Long.MAX_VALUE);
                Run agent = Run.once(t, classpath, agentJar, options, logs, base + "-agent", WARMUP_SECONDS,
                        seconds, Long.MAX_VALUE);
                pairs.computeIfAbsent(t, k -> new ArrayList<>()).add(new Run[] {jdk, agent});
                System.out.printf(Locale.ROOT, "  round %d %-26s JDK %8.0f/s  agent %8.0f/s  ratio %.2f%s%n", round,
                        t.name(), jdk.load().echoesPerSecond(), agent.load().echoesPerSecond(), ratio(jdk, agent),
                        problems(jdk) + problems(agent));
            }
        }
        System.out.println();
        System.out.print(BenchTable.text(pairs));
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, BenchTable.json(pairs, rounds, seconds, options));
        System.out.println();
        System.out.println("JSON: " + json);
    }

    static double ratio(Run jdk, Run agent) {
        double base = jdk.load().echoesPerSecond();
        return base > 0 ? agent.load().echoesPerSecond() / base : Double.NaN;
    }

    /** What went wrong in a run, as a note for its line; empty when nothing. */
    static String problems(Run r) {
        StringBuilder s = new StringBuilder();
        if (r.load().corrupt() > 0) {
            s.append(" CORRUPT=").append(r.load().corrupt());
        }
        if (r.load().lost() > 0) {
            s.append(" lost=").append(r.load().lost());
        }
        if (r.exitStatus() != 0) {
            s.append(" exit=").append(r.exitStatus());
        }
        if (r.agent() && !r.summary().present()) {
            s.append(" NO-AGENT-SUMMARY");
        }
        if (!r.summary().errors().isEmpty()) {
            s.append(" agent-errors=").append(r.summary().errors().size());
        }
        return s.toString();
    }

    static double median(List<Run[]> pairs, ToDoubleFunction<Run[]> f) {
        double[] v = pairs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String required(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static Map<String, String> parse(String[] argv) throws IOException {
        List<String> known = Arrays.asList("rounds", "seconds", "targets", "agent-jar", "classpath", "agent-options",
                "json", "logs");
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String key = argv[i].startsWith("--") ? argv[i].substring(2) : "";
            if (!known.contains(key) || i + 1 >= argv.length) {
                throw new IllegalArgumentException("unknown or incomplete option '" + argv[i] + "'; known: --"
                        + String.join(" --", known));
            }
            args.put(key, argv[++i]);
        }
        return args;
    }
}
