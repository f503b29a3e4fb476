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
package io.pagepool.benchmarks.tuner;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.tuner.Tuner;
import io.pagepool.tuner.TunerOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evaluates the online tuner against static configurations ({@code ./pagepool bench tuner}).
 *
 * <p>For each configuration — the tuner (starting from the kernel's defaults), the kernel's static
 * defaults (cache 128, refill 64, ring 1024) and a sweep of static ones — one pool runs every
 * {@link Phase} in order: steady, bursts, 2 -> 16 -> 2 threads, producer/consumer, idle. Per phase
 * it prints the fast-path ratio (allocFast / allocPages), the memory held (pages in mapped slabs,
 * averaged over the phase; and, for reference, free pages parked in caches and the ring) and the
 * slow allocations, then whether the tuner's goal holds ({@link GoalCheck}).
 *
 * <p>Time scale: the tuner steps every phase/100 (30 ms for the default 3 s phases) instead of 1 s,
 * with its default periods counted in steps, so a phase lasts as many control steps as a 100 s
 * phase would with the default interval.
 *
 * <p>Usage: {@code TunerEvaluation [--phase-millis N]} (default 3000).
 */
public final class TunerEvaluation {
    static final long SAMPLE_NANOS = 10_000_000L;
    /** {@code -Dpagepool.eval.log=true}: print the tuner's decisions on stderr. */
    static final boolean LOG = Boolean.getBoolean("pagepool.eval.log");

    private TunerEvaluation() {
    }

    /**
     * Runs every configuration through every phase and prints the table and the goal checks.
     *
     * @param args none
     * @throws InterruptedException if interrupted between phases
     */
    public static void main(String[] args) throws InterruptedException {
        long phaseMillis = 3000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--phase-millis") && i + 1 < args.length) {
                phaseMillis = Long.parseLong(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: TunerEvaluation [--phase-millis N]");
                return;
            } else {
                System.err.println("usage: TunerEvaluation [--phase-millis N]");
                System.exit(2);
            }
        }
        List<GoalCheck> checks = run(Duration.ofMillis(phaseMillis), System.out);
        System.exit(checks.stream().allMatch(GoalCheck::holds) ? 0 : 1);
    }

    static List<Configuration> configurations() {
        return List.of(Configuration.tuner(), Configuration.kernelDefault(), Configuration.fixed(32, 16, 256),
                Configuration.fixed(64, 32, 512), Configuration.fixed(256, 64, 1024),
                Configuration.fixed(512, 128, 2048), Configuration.fixed(1024, 256, 4096));
    }

    /** Runs every configuration through every phase, prints the tables and the goal; returns the checks. */
    static List<GoalCheck> run(Duration phase, PrintStream out) throws InterruptedException {
        Duration interval = Duration.ofNanos(Math.clamp(phase.toNanos() / 100, 1_000_000L, 1_000_000_000L));
        out.printf("pagepool tuner evaluation: %d phases x %d configurations, %d ms per phase, tuner interval %d ms,"
                        + " pages of %d B, slabs of %d pages%n", Phase.values().length, configurations().size(),
                phase.toMillis(), interval.toMillis(), Configuration.PAGE_SIZE,
                Configuration.SLAB_BYTES / Configuration.PAGE_SIZE);
        // warm the JIT up on every path first, so that the first configuration measured is not the cold one
        runConfiguration(Configuration.kernelDefault(), phase.dividedBy(4), interval);
        runConfiguration(Configuration.tuner(), phase.dividedBy(4), interval);
        Map<Phase, List<PhaseResult>> byPhase = new EnumMap<>(Phase.class);
        for (Configuration c : configurations()) {
            out.printf("  running %s ...%n", c.name());
            out.flush();
            for (PhaseResult r : runConfiguration(c, phase, interval)) {
                byPhase.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r);
            }
        }
        List<GoalCheck> checks = new ArrayList<>();
        for (Phase p : Phase.values()) {
            List<PhaseResult> rows = byPhase.get(p);
            out.printf("%n== %s ==%n", p.label);
            out.printf("%-34s %10s %14s %14s %12s %12s %9s%n", "configuration", "fast-path", "pages mapped",
                    "parked pages", "slow allocs", "allocs", "decisions");
            out.printf("%-34s %10s %14s %14s %12s %12s %9s%n", "", "ratio", "(avg, memory)", "(caches+ring)", "", "",
                    "");
            for (PhaseResult r : rows) {
                out.printf("%-34s %10.4f %14.1f %14.1f %,12d %,12d %9s%n", r.configuration().name(),
                        r.fastPathRatio(), r.avgPagesMapped(), r.avgParkedPages(), r.slowAllocations(),
                        r.allocPages(), r.configuration().tuned() ? Integer.toString(r.decisions()) : "-");
            }
            GoalCheck check = GoalCheck.of(rows);
            checks.add(check);
            out.printf("goal %s: %s%n", check.holds() ? "HOLDS" : "MISSED", check.verdict());
        }
        out.printf("%nsummary: the goal holds in %d of %d phases%n", checks.stream().filter(GoalCheck::holds).count(),
                checks.size());
        for (int i = 0; i < checks.size(); i++) {
            GoalCheck c = checks.get(i);
            out.printf("  %-22s %s%s%n", Phase.values()[i].label, c.holds() ? "holds" : "MISSED",
                    c.holds() ? "" : ": " + (c.beatsDefault() ? "" : "does not beat the kernel default; ")
                            + (c.withinBest() ? ""
                                    : "not within 1.25x memory of the best static at its fast-path ratio"));
        }
        return checks;
    }

    /** One pool through every phase in order. */
    static List<PhaseResult> runConfiguration(Configuration c, Duration phase, Duration interval)
            throws InterruptedException {
        List<PhaseResult> results = new ArrayList<>();
        long started = System.nanoTime();
        try (PagePool pool = c.build();
             Tuner tuner = c.tuned() ? Tuner.start(pool, TunerOptions.builder().interval(interval)
                     .debugLog(LOG ? line -> System.err.println((System.nanoTime() - started) / 1_000_000 + " ms "
                             + line) : line -> { }).build()) : null) {
            for (Phase p : Phase.values()) {
                PoolStats before = pool.stats();
                int decisionsBefore = tuner == null ? 0 : tuner.decisions();
                Sampler sampler = new Sampler(pool);
                Thread sampling = Thread.ofPlatform().daemon().name("eval-sampler").start(sampler);
                p.run(pool, phase.toNanos());
                sampler.stop.set(true);
                sampling.join();
                PoolStats after = pool.stats();
                results.add(new PhaseResult(p, c, after.allocPages() - before.allocPages(),
                        after.allocFast() - before.allocFast(), sampler.avgMapped(), sampler.avgParked(),
                        tuner == null ? 0 : tuner.decisions() - decisionsBefore));
            }
        }
        return results;
    }

    /** Samples pages mapped and parked every 10 ms while a phase runs. */
    private static final class Sampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        private final PagePool pool;
        private double mapped;
        private double parked;
        private long samples;

        Sampler(PagePool pool) {
            this.pool = pool;
        }

        @Override
        public void run() {
            do {
                PoolStats s = pool.stats();
                mapped += s.pagesMapped();
                parked += s.cachedPages() + s.ringSize();
                samples++;
                java.util.concurrent.locks.LockSupport.parkNanos(SAMPLE_NANOS);
            } while (!stop.get());
        }

        double avgMapped() {
            return samples == 0 ? 0 : mapped / samples;
        }

        double avgParked() {
            return samples == 0 ? 0 : parked / samples;
        }
    }
}
