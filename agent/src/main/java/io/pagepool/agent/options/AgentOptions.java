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
package io.pagepool.agent.options;

import io.pagepool.agent.cleaner.Recipe;
import io.pagepool.pool.Mapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's options, parsed from {@code -javaagent:pagepool-agent.jar=k=v,k=v} by
 * {@link OptionParser}; {@link Option} lists every key with its default and meaning.
 *
 * @param include      package prefixes whose classes are rewritten (empty: every class outside the JDK and pagepool)
 * @param exclude      package prefixes never rewritten
 * @param minSizeBytes the smallest size class
 * @param maxSizeBytes the largest size class: larger requests go to the JDK
 * @param pageSizeBytes {@code pageSize=} as given (then {@code minSizeBytes == maxSizeBytes == pageSizeBytes}),
 *                      0 when not given
 * @param cachePages   thread cache capacity
 * @param refillPages  refill batch
 * @param ringPages    recycle ring capacity
 * @param maxMemoryBytes memory budget of the pool
 * @param mapping      how slabs are mapped
 * @param zero         zero-fill buffers like the JDK does
 * @param stats        keep the pool's counters
 * @param jfr          recording file, or null for none
 * @param tune         run the online tuner
 * @param tuneInterval the tuner's period
 * @param scope        release buffers proven not to escape their method at once
 * @param scopeCheck   debug: scoped buffers die with their lease (use after release throws)
 * @param release      {@code pkg.Class#method} entries whose ByteBuffer arguments are released after they return
 * @param site         {@code pkg.Class.method[:line]=pool|jdk} entries pinning allocation sites' modes
 * @param onErrorExit  exit 1 before {@code main} when an option is bad or the agent cannot start
 * @param log          how much the agent prints
 * @param summary      file the exit summary's figures go to ({@code key=value} lines), or null for none
 * @param cleaner      {@code sun.misc.Unsafe.invokeCleaner} on a pooled buffer returns its page
 * @param recipes      the built-in release recipes installed (empty: none)
 */
public record AgentOptions(List<String> include, List<String> exclude, int minSizeBytes, int maxSizeBytes,
                           int pageSizeBytes, int cachePages,
                           int refillPages, int ringPages, long maxMemoryBytes, Mapping mapping, boolean zero,
                           boolean stats, Path jfr, boolean tune, Duration tuneInterval, boolean scope,
                           boolean scopeCheck,
                           List<String> release, List<String> site, boolean onErrorExit, LogLevel log,
                           Path summary, boolean cleaner, List<Recipe> recipes) {

    /** How much the agent prints on stderr. */
    public enum LogLevel {
        /** Only errors. */
        QUIET,
        /** A line at start and a summary at exit, plus errors and warnings. */
        INFO,
        /** Also every rewritten class, every scoped-release verdict and every tuner decision. */
        DEBUG
    }

    /** Every option at its default. */
    public static AgentOptions defaults() {
        return OptionParser.parse("");
    }

    /**
     * This option's value written the way the option string takes it ({@code cache=64},
     * {@code maxMemory=256m}, {@code tune=on}); "" for an absent file or list.
     */
    public String value(Option option) {
        return switch (option) {
            case INCLUDE -> String.join(";", include);
            case EXCLUDE -> String.join(";", exclude);
            case MIN_SIZE -> pageSizeBytes != 0 ? "" : size(minSizeBytes); // pageSize= implies it
            case MAX_SIZE -> pageSizeBytes != 0 ? "" : size(maxSizeBytes);
            case PAGE_SIZE -> pageSizeBytes == 0 ? "" : Integer.toString(pageSizeBytes);
            case CACHE -> Integer.toString(cachePages);
            case REFILL -> Integer.toString(refillPages);
            case RING -> Integer.toString(ringPages);
            case MAX_MEMORY -> size(maxMemoryBytes);
            case MAPPING -> mapping.name().toLowerCase(Locale.ROOT);
            case ZERO -> Boolean.toString(zero);
            case STATS -> Boolean.toString(stats);
            case JFR -> jfr == null ? "" : jfr.toString();
            case TUNE -> onOff(tune);
            case TUNE_INTERVAL -> tuneInterval.toMillis() % 1000 != 0 ? tuneInterval.toMillis() + "ms"
                    : tuneInterval.toSeconds() % 60 != 0 ? tuneInterval.toSeconds() + "s"
                    : tuneInterval.toMinutes() + "m";
            case SCOPE -> onOff(scope);
            case SCOPE_CHECK -> onOff(scopeCheck);
            case RELEASE -> String.join(";", release);
            case SITE -> String.join(";", site);
            case ON_ERROR -> onErrorExit ? "exit" : "warn";
            case LOG -> log.name().toLowerCase(Locale.ROOT);
            case SUMMARY -> summary == null ? "" : summary.toString();
            case CLEANER -> onOff(cleaner);
            case RECIPES -> recipes.isEmpty() ? "none" : String.join(";", recipes.stream().map(Recipe::key).toList());
        };
    }

    /**
     * The options whose values differ from {@code running}'s, one entry each:
     * {@code cache=256 (running: 64)}; empty when they are the same.
     */
    public List<String> differencesFrom(AgentOptions running) {
        List<String> differences = new ArrayList<>();
        for (Option option : Option.values()) {
            String mine = value(option);
            String theirs = running.value(option);
            if (!mine.equals(theirs)) {
                differences.add(option.key() + "=" + mine + " (running: " + (theirs.isEmpty() ? "none" : theirs) + ")");
            }
        }
        return differences;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** {@code bytes} with the largest k, m or g suffix that divides it. */
    private static String size(long bytes) {
        String units = "kmg";
        for (int i = units.length() - 1; i >= 0; i--) {
            int shift = 10 * (i + 1);
            if (bytes != 0 && (bytes & ((1L << shift) - 1)) == 0) {
                return (bytes >> shift) + units.substring(i, i + 1);
            }
        }
        return Long.toString(bytes);
    }

    /** These options with {@code jfr=} set to {@code file} (null: no recording). */
    public AgentOptions withJfr(Path file) {
        return new AgentOptions(include, exclude, minSizeBytes, maxSizeBytes, pageSizeBytes, cachePages, refillPages,
                ringPages, maxMemoryBytes, mapping, zero, stats, file, tune, tuneInterval, scope, scopeCheck, release,
                site, onErrorExit, log, summary, cleaner, recipes);
    }

    /** These options with {@code summary=} set to {@code file} (null: no summary file). */
    public AgentOptions withSummary(Path file) {
        return new AgentOptions(include, exclude, minSizeBytes, maxSizeBytes, pageSizeBytes, cachePages, refillPages,
                ringPages, maxMemoryBytes, mapping, zero, stats, jfr, tune, tuneInterval, scope, scopeCheck, release,
                site, onErrorExit, log, file, cleaner, recipes);
    }

    /** The {@code release=} entries as class name and method name pairs. */
    public List<ReleaseMethod> releaseMethods() {
        return release.stream().map(ReleaseMethod::parse).toList();
    }

    /** The {@code site=} entries as pins. */
    public List<SitePin> sitePins() {
        return site.stream().map(SitePin::parse).toList();
    }

    /** The pin of the site at {@code className.methodName} line {@code line}: the first entry that matches, or null. */
    public SitePin sitePin(String className, String methodName, int line) {
        for (SitePin pin : sitePins()) {
            if (pin.matches(className, methodName, line)) {
                return pin;
            }
        }
        return null;
    }

    /**
     * One {@code pkg.Class.method[:line]=pool|jdk} entry of {@code site=}.
     *
     * @param className  binary class name
     * @param methodName method name
     * @param line       source line, or -1 for every site of the method
     * @param pooled     pinned to the pool (true) or to the JDK (false)
     */
    public record SitePin(String className, String methodName, int line, boolean pooled) {
        static SitePin parse(String entry) {
            int eq = entry.lastIndexOf('=');
            String target = entry.substring(0, eq).strip();
            int colon = target.indexOf(':');
            int line = colon < 0 ? -1 : Integer.parseInt(target.substring(colon + 1));
            String method = colon < 0 ? target : target.substring(0, colon);
            int dot = method.lastIndexOf('.');
            return new SitePin(method.substring(0, dot), method.substring(dot + 1), line,
                    entry.substring(eq + 1).strip().equalsIgnoreCase("pool"));
        }

        /** Whether this pin names the site at {@code className.methodName} line {@code line}. */
        public boolean matches(String className, String methodName, int line) {
            return this.className.equals(className) && this.methodName.equals(methodName)
                    && (this.line < 0 || this.line == line);
        }
    }

    /** One {@code pkg.Class#method} entry of {@code release=}. */
    public record ReleaseMethod(String className, String methodName) {
        static ReleaseMethod parse(String entry) {
            int hash = entry.indexOf('#');
            return new ReleaseMethod(entry.substring(0, hash), entry.substring(hash + 1));
        }
    }
}
