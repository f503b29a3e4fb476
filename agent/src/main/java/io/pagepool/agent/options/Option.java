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

import java.util.Arrays;
import java.util.Optional;

/** Every agent option: its key, default, allowed values and meaning (listed by {@code options}). */
public enum Option {
    INCLUDE("include", "", "package prefixes", "only classes in these packages are rewritten, ';'-separated"
            + " (default: every class outside the JDK and pagepool)"),
    EXCLUDE("exclude", "", "package prefixes", "classes in these packages are never rewritten, ';'-separated"),
    PAGE_SIZE("pageSize", "", "1024 to 65536, a power of two", "one page size only, short for minSize=N,maxSize=N"
            + " (the pool before size classes); not with minSize or maxSize"),
    MIN_SIZE("minSize", "1k", "512 to 1m, a power of two, at most maxSize", "the smallest size class: requests"
            + " up to it take a page of this size"),
    MAX_SIZE("maxSize", "64k", "512 to 1m, a power of two, at least minSize", "the largest size class: each request"
            + " up to it takes a page of the smallest class that fits; larger ones go to the JDK (a 'size' waive)"),
    CACHE("cache", "128", "1 to 65536 pages", "per-thread cache capacity (the tuner moves it)"),
    REFILL("refill", "64", "1 to 65536 pages", "pages moved per cache refill"),
    RING("ring", "1024", "1 to 1048576 pages", "recycle ring capacity for cross-thread releases"),
    MAX_MEMORY("maxMemory", "256m", "a size with k, m or g suffix", "memory budget of all size classes; when spent,"
            + " requests go to the JDK (a 'budget' waive), never a GC or a wait"),
    MAPPING("mapping", "prefault", "plain|prefault|pinned|hugepage", "how slabs are mapped (pinned and"
            + " hugepage need --enable-native-access=ALL-UNNAMED)"),
    ZERO("zero", "true", "true|false", "zero-fill buffers as ByteBuffer.allocateDirect does"),
    STATS("stats", "true", "true|false", "keep the pool's page_pool counters (JFR, JMX, the tuner)"),
    JFR("jfr", "", "a file path", "record JDK defaults + pagepool events to this file, written at exit"),
    TUNE("tune", "on", "on|off", "size caches, refill batch, ring and slab reserve online"),
    TUNE_INTERVAL("tuneInterval", "1s", "10ms to 24h, such as 500ms, 1s, 2m", "the tuner's period"),
    SCOPE("scope", "on", "on|off", "release buffers proven by bytecode analysis not to escape their method"
            + " the moment they die (otherwise: when unreachable)"),
    SCOPE_CHECK("scopeCheck", "off", "on|off", "debug: each scoped buffer gets memory of its own that is freed at"
            + " its release, so any use after it throws IllegalStateException (slow; checks the analysis on your"
            + " code)"),
    RELEASE("release", "", "pkg.Class#method entries, ';'-separated", "these methods' ByteBuffer arguments"
            + " go back to the pool when they return"),
    SITE("site", "", "pkg.Class.method[:line]=pool|jdk entries, ';'-separated", "pins these allocateDirect"
            + " sites (every site of the method without a line) to the pool or to the JDK's own allocateDirect;"
            + " unpinned sites whose pages come back only when unreachable while the pool fills go to the JDK"
            + " (with tune=on) and are re-probed later"),
    CLEANER("cleaner", "on", "on|off", "sun.misc.Unsafe.invokeCleaner(buffer) on a pooled buffer returns its page,"
            + " whoever calls it (Netty, Agrona, Kafka, ... free direct buffers so); off: it does nothing there"),
    RECIPES("recipes", String.join(";", Recipe.keys()),
            "recipe names, ';'-separated, or none", "built-in release recipes: a library method that frees a"
            + " buffer without invokeCleaner returns its page (" + recipeList() + ")"),
    ON_ERROR("onError", "warn", "warn|exit", "on a bad option or a failed start: warn and run the"
            + " application without the agent, or exit 1 before main"),
    LOG("log", "info", "quiet|info|debug", "quiet: errors only; info: a start line and an exit summary;"
            + " debug: every rewritten class, verdict and tuner decision"),
    SUMMARY("summary", "", "a file path", "write the exit summary's figures to this file at exit, one key=value"
            + " per line (sitesRewritten, servedFromPool, releasedScoped, bytesMapped, ...), for scripts");

    private final String key;
    private final String defaultValue;
    private final String allowed;
    private final String meaning;

    Option(String key, String defaultValue, String allowed, String meaning) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.meaning = meaning;
    }

    /** The option's key as written on the command line. */
    public String key() {
        return key;
    }

    /** The value used when the option is not given ("" for none). */
    public String defaultValue() {
        return defaultValue;
    }

    /** What values the option takes, for error messages. */
    public String allowed() {
        return allowed;
    }

    /** One sentence on what the option does. */
    public String meaning() {
        return meaning;
    }

    /** The recipes for the option table: {@code name: what it releases; ...}. */
    private static String recipeList() {
        return String.join("; ", Arrays.stream(Recipe.values())
                .map(r -> r.key() + ": " + r.description() + ", " + r.library()).toList());
    }

    /** The option with this key (case-sensitive). */
    public static Optional<Option> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }
}
