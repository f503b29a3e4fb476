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
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PagePoolBuilder;
import io.pagepool.pool.SizeClassPool;
import io.pagepool.pool.SizeClassPoolBuilder;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the agent's option string ({@code k=v,k=v}). Every problem becomes one line naming the
 * option and what it allows; {@link #parse} throws {@link BadOptionsException} carrying all of them.
 */
public final class OptionParser {
    /** What {@link Option#MAX_MEMORY}'s default means; used when a bad value is reported. */
    static final long DEFAULT_MAX_MEMORY_BYTES = 256L << 20;
    /** What {@link Option#MIN_SIZE}'s and {@link Option#MAX_SIZE}'s defaults mean. */
    static final long DEFAULT_MIN_SIZE_BYTES = 1 << 10;
    static final long DEFAULT_MAX_SIZE_BYTES = 64 << 10;
    /** The tuner's period: 10 ms to a day (longer overflows its nanosecond clock arithmetic). */
    private static final Duration MIN_TUNE_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_TUNE_INTERVAL = Duration.ofDays(1);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})([kmgKMG]?)[bB]?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern JAVA_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*");
    private static final Pattern METHOD_NAME =
            Pattern.compile("<init>|<clinit>|[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*");

    private OptionParser() {
    }

    /** Parses {@code text} (null or blank: all defaults). */
    public static AgentOptions parse(String text) {
        Map<Option, String> given = new EnumMap<>(Option.class);
        List<String> problems = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",", -1)) {
                split(pair.strip(), given, problems);
            }
        }
        Values values = new Values(given, problems);
        AgentOptions options = values.build();
        if (!problems.isEmpty()) {
            throw new BadOptionsException(problems, values.onErrorExit);
        }
        return options;
    }

    private static void split(String pair, Map<Option, String> given, List<String> problems) {
        int eq = pair.indexOf('=');
        if (pair.isEmpty()) {
            problems.add("empty option (two commas in a row?); options are key=value pairs separated by ','");
            return;
        }
        if (eq <= 0) {
            problems.add("option '" + pair + "' has no value; write " + (eq == 0 ? "key=value" : pair + "=VALUE"));
            return;
        }
        String key = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        Option option = Option.byKey(key).orElse(null);
        if (option == null) {
            problems.add("unknown option '" + key + "'; known options: "
                    + String.join(", ", Arrays.stream(Option.values()).map(Option::key).toList()));
        } else if (given.putIfAbsent(option, value) != null) {
            problems.add("option '" + key + "' is given twice");
        }
    }

    /** Converts each value, collecting problems, starting from the defaults. */
    private static final class Values {
        private final Map<Option, String> given;
        private final List<String> problems;
        private boolean onErrorExit;

        Values(Map<Option, String> given, List<String> problems) {
            this.given = given;
            this.problems = problems;
        }

        AgentOptions build() {
            onErrorExit = choice(Option.ON_ERROR, "warn", "exit") == 1;
            List<String> include = packages(Option.INCLUDE);
            List<String> exclude = packages(Option.EXCLUDE);
            PagePoolBuilder pool = PagePool.builder();
            SizeClassPoolBuilder classes = SizeClassPool.builder();
            int minSize = (int) size(Option.MIN_SIZE, v -> classes.minClassBytes(Math.toIntExact(v)));
            int maxSize = (int) size(Option.MAX_SIZE, v -> classes.maxClassBytes(Math.toIntExact(v)));
            int pageSize = given.containsKey(Option.PAGE_SIZE) ? whole(Option.PAGE_SIZE, v -> pool.pageSize(v)) : 0;
            if (pageSize != 0 && (given.containsKey(Option.MIN_SIZE) || given.containsKey(Option.MAX_SIZE))) {
                problems.add("pageSize=" + value(Option.PAGE_SIZE) + " is short for minSize=N,maxSize=N (one size"
                        + " class): give either pageSize or minSize/maxSize, not both");
            } else if (pageSize != 0) {
                minSize = pageSize;
                maxSize = pageSize;
            } else if (minSize > maxSize) {
                problems.add("bad value minSize=" + value(Option.MIN_SIZE) + ": larger than maxSize="
                        + value(Option.MAX_SIZE) + " (the smallest size class cannot exceed the largest)");
            }
            int cache = whole(Option.CACHE, v -> pool.cacheCapacity(v));
            int refill = whole(Option.REFILL, v -> pool.refillBatch(v));
            int ring = whole(Option.RING, v -> pool.ringCapacity(v));
            long maxMemory = size(Option.MAX_MEMORY, pool::maxMemoryBytes);
            Mapping mapping = Mapping.values()[choice(Option.MAPPING, "plain", "prefault", "pinned", "hugepage")];
            boolean zero = bool(Option.ZERO);
            boolean stats = bool(Option.STATS);
            Path jfr = path(Option.JFR);
            boolean tune = choice(Option.TUNE, "off", "on") == 1;
            Duration tuneInterval = duration(Option.TUNE_INTERVAL);
            boolean scope = choice(Option.SCOPE, "off", "on") == 1;
            boolean scopeCheck = choice(Option.SCOPE_CHECK, "off", "on") == 1;
            List<String> release = releaseMethods();
            List<String> site = sitePins();
            AgentOptions.LogLevel log = AgentOptions.LogLevel.values()[choice(Option.LOG, "quiet", "info", "debug")];
            return new AgentOptions(include, exclude, minSize, maxSize, pageSize, cache, refill, ring, maxMemory,
                    mapping, zero, stats, jfr, tune, tuneInterval, scope, scopeCheck, release, site, onErrorExit,
                    log,
                    path(Option.SUMMARY), choice(Option.CLEANER, "off", "on") == 1, recipes());
        }

        private String value(Option option) {
            return given.getOrDefault(option, option.defaultValue());
        }

        private void bad(Option option, String why) {
            problems.add("bad value " + option.key() + "=" + value(option) + ": " + why + " (allowed: "
                    + option.allowed() + ")");
        }

        /** For messages that already say what is allowed ("out of range: allowed 1 to 65536"). */
        private void outOfRange(Option option, String why) {
            problems.add("bad value " + option.key() + "=" + value(option) + ": " + why);
        }

        private int choice(Option option, String... choices) {
            String v = value(option).toLowerCase(Locale.ROOT);
            for (int i = 0; i < choices.length; i++) {
                if (choices[i].equals(v)) {
                    return i;
                }
            }
            bad(option, "not one of " + String.join(", ", choices));
            return Math.max(0, Arrays.asList(choices).indexOf(option.defaultValue()));
        }

        private boolean bool(Option option) {
            return choice(option, "false", "true") == 1;
        }

        /** A whole number (an int); {@code check} (a pool builder setter) validates the range. */
        private int whole(Option option, IntConsumer check) {
            String v = value(option);
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                bad(option, v.matches("-?\\d+") ? "too large" : "not a whole number");
                return defaultWhole(option);
            }
            try {
                check.accept(n);
                return n;
            } catch (IllegalArgumentException e) {
                String message = e.getMessage(); // "cacheCapacity = 0 is out of range: allowed 1 to 65536"
                outOfRange(option, message.substring(message.indexOf(" is ") + 4));
                return defaultWhole(option);
            }
        }

        /** What a whole-number option's default means; 0 for none ({@code pageSize}). */
        private static int defaultWhole(Option option) {
            return option.defaultValue().isEmpty() ? 0 : Integer.parseInt(option.defaultValue());
        }

        /** A size with an optional k, m or g suffix; {@code check} (a builder setter) validates the range. */
        private long size(Option option, LongConsumer check) {
            long fallback = defaultSize(option);
            Matcher m = SIZE.matcher(value(option));
            if (!m.matches()) {
                bad(option, "not a size");
                return fallback;
            }
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                bad(option, "too large");
                return fallback;
            }
            long bytes = n << shift;
            try {
                check.accept(bytes);
                return bytes;
            } catch (ArithmeticException e) { // an int setter given more than 2 GiB
                bad(option, "too large");
                return fallback;
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                outOfRange(option, bytes + " bytes" + message.substring(message.indexOf(" is ")));
                return fallback;
            }
        }

        /** What a size option's default means; used when a bad value is reported. */
        private static long defaultSize(Option option) {
            return switch (option) {
                case MIN_SIZE -> DEFAULT_MIN_SIZE_BYTES;
                case MAX_SIZE -> DEFAULT_MAX_SIZE_BYTES;
                default -> DEFAULT_MAX_MEMORY_BYTES;
            };
        }

        private Duration duration(Option option) {
            Matcher m = DURATION.matcher(value(option));
            if (!m.matches()) {
                bad(option, "not a duration");
                return Duration.ofSeconds(1);
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            if (d.compareTo(MIN_TUNE_INTERVAL) < 0 || d.compareTo(MAX_TUNE_INTERVAL) > 0) {
                bad(option, d.compareTo(MIN_TUNE_INTERVAL) < 0 ? "shorter than 10ms" : "longer than 24h");
                return Duration.ofSeconds(1);
            }
            return d;
        }

        private Path path(Option option) {
            String v = value(option);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return Path.of(v).toAbsolutePath();
            } catch (InvalidPathException e) {
                bad(option, e.getReason());
                return null;
            }
        }

        private List<String> packages(Option option) {
            List<String> prefixes = new ArrayList<>();
            for (String p : value(option).split(";")) {
                String prefix = p.strip();
                if (prefix.isEmpty()) {
                    continue;
                }
                if (!JAVA_NAME.matcher(prefix).matches()) {
                    problems.add("bad value " + option.key() + "=" + value(option) + ": '" + prefix
                            + "' is not a package prefix (allowed: " + option.allowed() + ")");
                    continue;
                }
                prefixes.add(prefix);
            }
            return List.copyOf(prefixes);
        }

        /** {@code pkg.Class.method[:line]=pool|jdk} entries, each checked whole. */
        private List<String> sitePins() {
            List<String> entries = new ArrayList<>();
            for (String e : value(Option.SITE).split(";")) {
                String entry = e.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                String why = whyNotSitePin(entry);
                if (why != null) {
                    problems.add("bad value site=" + value(Option.SITE) + ": '" + entry + "' " + why + " (allowed: "
                            + Option.SITE.allowed() + ")");
                    continue;
                }
                entries.add(entry);
            }
            return List.copyOf(entries);
        }

        private static String whyNotSitePin(String entry) {
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                return "has no mode; write it =pool or =jdk";
            }
            String mode = entry.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!mode.equals("pool") && !mode.equals("jdk")) {
                return "has mode '" + entry.substring(eq + 1).strip() + "', not pool or jdk";
            }
            String target = entry.substring(0, eq).strip();
            int colon = target.indexOf(':');
            if (colon >= 0 && !target.substring(colon + 1).matches("[1-9]\\d{0,8}")) {
                return "has line '" + target.substring(colon + 1) + "', not a line number";
            }
            String method = colon < 0 ? target : target.substring(0, colon);
            int dot = method.lastIndexOf('.');
            if (dot <= 0 || !JAVA_NAME.matcher(method.substring(0, dot)).matches() || method.contains("..")
                    || !METHOD_NAME.matcher(method.substring(dot + 1)).matches()) {
                return "does not name pkg.Class.method";
            }
            return null;
        }

        /** {@code none}, or recipe names separated by ';' (each known, none twice). */
        private List<Recipe> recipes() {
            String v = value(Option.RECIPES).strip();
            if (v.equalsIgnoreCase("none")) {
                return List.of();
            }
            List<Recipe> recipes = new ArrayList<>();
            for (String name : v.split(";")) {
                String key = name.strip();
                if (key.isEmpty()) {
                    continue;
                }
                Recipe recipe = Recipe.byKey(key).orElse(null);
                if (recipe == null) {
                    bad(Option.RECIPES, "unknown recipe '" + key + "'; known: " + String.join(", ", Recipe.keys()));
                } else if (!recipes.contains(recipe)) {
                    recipes.add(recipe);
                }
            }
            return List.copyOf(recipes);
        }

        private List<String> releaseMethods() {
            List<String> entries = new ArrayList<>();
            for (String e : value(Option.RELEASE).split(";")) {
                String entry = e.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int hash = entry.indexOf('#');
                if (hash <= 0 || !JAVA_NAME.matcher(entry.substring(0, hash)).matches()
                        || !JAVA_NAME.matcher(entry.substring(hash + 1)).matches()
                        || entry.substring(hash + 1).contains(".")) {
                    problems.add("bad value release=" + value(Option.RELEASE) + ": '" + entry
                            + "' is not pkg.Class#method (allowed: " + Option.RELEASE.allowed() + ")");
                    continue;
                }
                entries.add(entry);
            }
            return List.copyOf(entries);
        }
    }
}
