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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionParserTest {
    @Test
    void defaultsMatchTheOptionTable() {
        AgentOptions o = OptionParser.parse(null);
        assertEquals(o, OptionParser.parse("  "));
        assertEquals(List.of(), o.include());
        assertEquals(0, o.pageSizeBytes(), "pageSize= is not given: size classes");
        assertEquals(1024, o.minSizeBytes());
        assertEquals(65536, o.maxSizeBytes());
        assertEquals(128, o.cachePages());
        assertEquals(64, o.refillPages());
        assertEquals(1024, o.ringPages());
        assertEquals(256L << 20, o.maxMemoryBytes());
        assertEquals(Mapping.PREFAULT, o.mapping());
        assertTrue(o.zero());
        assertTrue(o.stats());
        assertNull(o.jfr());
        assertTrue(o.tune());
        assertEquals(Duration.ofSeconds(1), o.tuneInterval());
        assertTrue(o.scope());
        assertFalse(o.scopeCheck());
        assertFalse(o.onErrorExit());
        assertEquals(AgentOptions.LogLevel.INFO, o.log());
        for (Option option : Option.values()) {
            assertFalse(option.meaning().isBlank(), option.key());
            assertFalse(option.allowed().isBlank(), option.key());
        }
    }

    @Test
    void parsesEveryOption() {
        AgentOptions o = OptionParser.parse("include=com.acme;org.x.y , exclude=com.acme.gen,pageSize=2048,cache=256,"
                + "refill=32,ring=4096,maxMemory=64m,mapping=HugePage,zero=false,stats=false,jfr=out/rec.jfr,tune=off,"
                + "tuneInterval=250ms,scope=off,scopeCheck=on,release=com.acme.Tx#send;com.acme.Rx#done,"
                + "onError=exit,log=debug");
        assertEquals(List.of("com.acme", "org.x.y"), o.include());
        assertEquals(List.of("com.acme.gen"), o.exclude());
        assertEquals(2048, o.pageSizeBytes());
        assertEquals(2048, o.minSizeBytes(), "pageSize=N is one class of N");
        assertEquals(2048, o.maxSizeBytes());
        assertEquals(256, o.cachePages());
        assertEquals(32, o.refillPages());
        assertEquals(4096, o.ringPages());
        assertEquals(64L << 20, o.maxMemoryBytes());
        assertEquals(Mapping.HUGEPAGE, o.mapping());
        assertFalse(o.zero());
        assertFalse(o.stats());
        assertEquals(Path.of("out/rec.jfr").toAbsolutePath(), o.jfr());
        assertFalse(o.tune());
        assertEquals(Duration.ofMillis(250), o.tuneInterval());
        assertFalse(o.scope());
        assertTrue(o.scopeCheck());
        assertEquals(List.of(new AgentOptions.ReleaseMethod("com.acme.Tx", "send"),
                new AgentOptions.ReleaseMethod("com.acme.Rx", "done")), o.releaseMethods());
        assertTrue(o.onErrorExit());
        assertEquals(AgentOptions.LogLevel.DEBUG, o.log());
    }

    @Test
    void sitePinsNameAMethodOrOneOfItsLinesAndAMode() {
        AgentOptions o = OptionParser.parse("site=com.acme.Rx.read:42=jdk; com.acme.Tx.send = POOL;a.B$C.<init>=jdk");
        assertEquals(List.of(new AgentOptions.SitePin("com.acme.Rx", "read", 42, false),
                new AgentOptions.SitePin("com.acme.Tx", "send", -1, true),
                new AgentOptions.SitePin("a.B$C", "<init>", -1, false)), o.sitePins());
        assertEquals(new AgentOptions.SitePin("com.acme.Rx", "read", 42, false), o.sitePin("com.acme.Rx", "read", 42));
        assertNull(o.sitePin("com.acme.Rx", "read", 43), "another line of the method");
        assertEquals(true, o.sitePin("com.acme.Tx", "send", 7).pooled(), "every line of the method");
        assertNull(o.sitePin("com.acme.Tx", "sendAll", 7));
        assertEquals(List.of(), OptionParser.parse("").sitePins());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "512k|524288", "2M|2097152", "1g|1073741824", "3G|3221225472", "1048576|1048576", "64mb|67108864"})
    void sizesTakeSuffixes(String text, long bytes) {
        assertEquals(bytes, OptionParser.parse("maxMemory=" + text).maxMemoryBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cache=0|bad value cache=0: out of range: allowed 1 to 65536",
            "cache=abc|bad value cache=abc: not a whole number (allowed: 1 to 65536 pages)",
            "pageSize=3000|bad value pageSize=3000: not allowed: must be a power of two from 1024 to 65536",
            "maxMemory=12q|bad value maxMemory=12q: not a size (allowed: a size with k, m or g suffix)",
            "maxMemory=1k|bad value maxMemory=1k: 1024 bytes is out of range: allowed 65536 to 1099511627776",
            "mapping=dma|bad value mapping=dma: not one of plain, prefault, pinned, hugepage",
            "zero=maybe|bad value zero=maybe: not one of false, true (allowed: true|false)",
            "tune=yes|bad value tune=yes: not one of off, on (allowed: on|off)",
            "tuneInterval=1h|bad value tuneInterval=1h: not a duration",
            "tuneInterval=1ms|bad value tuneInterval=1ms: shorter than 10ms",
            "tuneInterval=999999999m|bad value tuneInterval=999999999m: longer than 24h",
            "tuneInterval=1441m|bad value tuneInterval=1441m: longer than 24h",
            "log=loud|bad value log=loud: not one of quiet, info, debug",
            "onError=crash|bad value onError=crash: not one of warn, exit",
            "release=Foo|bad value release=Foo: 'Foo' is not pkg.Class#method",
            "site=com.acme.Rx.read|bad value site=com.acme.Rx.read: 'com.acme.Rx.read' has no mode; write it =pool"
                    + " or =jdk (allowed: pkg.Class.method[:line]=pool|jdk entries",
            "site=com.acme.Rx.read=maybe|bad value site=com.acme.Rx.read=maybe: 'com.acme.Rx.read=maybe' has mode"
                    + " 'maybe', not pool or jdk",
            "site=com.acme.Rx.read:x=jdk|bad value site=com.acme.Rx.read:x=jdk: 'com.acme.Rx.read:x=jdk' has line"
                    + " 'x', not a line number",
            "site=com.acme.Rx.read:0=jdk|bad value site=com.acme.Rx.read:0=jdk: 'com.acme.Rx.read:0=jdk' has line"
                    + " '0', not a line number",
            "site=read=jdk|bad value site=read=jdk: 'read=jdk' does not name pkg.Class.method",
            "site=a.B.c=jdk;a..b=pool|bad value site=a.B.c=jdk;a..b=pool: 'a..b=pool' does not name pkg.Class.method",
            "include=com..x-y|bad value include=com..x-y: 'com..x-y' is not a package prefix",
            "colour=red|unknown option 'colour'; known options: include, exclude, pageSize",
            "cache|option 'cache' has no value; write cache=VALUE",
            "cache=1,cache=2|option 'cache' is given twice",
            "cache=1,,zero=true|empty option (two commas in a row?)"})
    void badValuesAreNamedWithWhatIsAllowed(String options, String expectedStart) {
        BadOptionsException e = assertThrows(BadOptionsException.class, () -> OptionParser.parse(options));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().getFirst().startsWith(expectedStart), e.problems().getFirst());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"maxSize=64k|1024|65536", "maxSize=1m|1024|1048576", "minSize=2k|2048|65536",
            "minSize=4096,maxSize=16k|4096|16384", "minSize=8k,maxSize=8k|8192|8192", "minSize=512|512|65536",
            "pageSize=4096|4096|4096"})
    void sizeClassesRunFromMinSizeToMaxSize(String options, int minBytes, int maxBytes) {
        AgentOptions o = OptionParser.parse(options);
        assertEquals(minBytes, o.minSizeBytes());
        assertEquals(maxBytes, o.maxSizeBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "maxSize=3000|bad value maxSize=3000: 3000 bytes is not allowed: must be a power of two",
            "maxSize=2m|bad value maxSize=2m: 2097152 bytes is not allowed: must be a power of two from 512",
            "maxSize=4g|bad value maxSize=4g: too large",
            "minSize=256b|bad value minSize=256b: 256 bytes is not allowed: must be a power of two from 512 to 1048576",
            "minSize=big|bad value minSize=big: not a size (allowed: 512 to 1m, a power of two, at most maxSize)",
            "minSize=64k,maxSize=4k|bad value minSize=64k: larger than maxSize=4k",
            "minSize=128k|bad value minSize=128k: larger than maxSize=64k",
            "pageSize=2048,maxSize=64k|pageSize=2048 is short for minSize=N,maxSize=N (one size class): give either",
            "pageSize=2048,minSize=1k|pageSize=2048 is short for minSize=N,maxSize=N"})
    void badSizeClassesAreNamedWithWhatIsAllowed(String options, String expectedStart) {
        BadOptionsException e = assertThrows(BadOptionsException.class, () -> OptionParser.parse(options));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().getFirst().startsWith(expectedStart), e.problems().getFirst());
    }

    @Test
    void sizeClassesAreWrittenTheWayTheParserReadsThem() {
        AgentOptions o = OptionParser.parse("minSize=2k,maxSize=1m");
        assertEquals("2k", o.value(Option.MIN_SIZE));
        assertEquals("1m", o.value(Option.MAX_SIZE));
        assertEquals("", o.value(Option.PAGE_SIZE));
        assertEquals(o, OptionParser.parse("minSize=" + o.value(Option.MIN_SIZE) + ",maxSize="
                + o.value(Option.MAX_SIZE)));
        assertEquals(List.of("maxSize=64k (running: 1m)"), OptionParser.parse("minSize=2k").differencesFrom(o));
    }

    @Test
    void reportsEveryProblemAndStillReadsOnError() {
        BadOptionsException e = assertThrows(BadOptionsException.class,
                () -> OptionParser.parse("cache=0,foo=1,onError=exit,zero=maybe"));
        assertEquals(3, e.problems().size(), e.problems()::toString);
        assertTrue(e.onErrorExit());
        assertFalse(assertThrows(BadOptionsException.class, () -> OptionParser.parse("cache=0")).onErrorExit());
    }

    @Test
    void everyValueIsWrittenTheWayTheParserReadsIt() {
        AgentOptions o = OptionParser.parse("include=com.acme;org.x,pageSize=2048,cache=7,maxMemory=3m,mapping=plain,"
                + "zero=false,jfr=/tmp/x.jfr,tune=off,tuneInterval=250ms,scope=off,scopeCheck=on,release=a.B#c,"
                + "site=a.B.c:3=jdk;a.B$C.<init>=pool,onError=exit,log=debug");
        StringBuilder text = new StringBuilder();
        for (Option option : Option.values()) {
            if (!o.value(option).isEmpty()) {
                text.append(text.isEmpty() ? "" : ",").append(option.key()).append('=').append(o.value(option));
            }
        }
        assertEquals(o, OptionParser.parse(text.toString()), text::toString);
        assertEquals("3m", o.value(Option.MAX_MEMORY));
        assertEquals("250ms", o.value(Option.TUNE_INTERVAL));
    }

    @Test
    void differencesNameTheOptionAndBothValues() {
        AgentOptions running = OptionParser.parse("cache=64");
        assertEquals(List.of(), OptionParser.parse("cache=64").differencesFrom(running));
        assertEquals(List.of("cache=256 (running: 64)", "jfr=" + Path.of("a.jfr").toAbsolutePath() + " (running: none)",
                "scope=off (running: on)"),
                        OptionParser.parse("scope=off,jfr=a.jfr,cache=256").differencesFrom(running));
    }

    @Test
    void explicitFreesAreOnByDefaultAndSwitchOff() {
        AgentOptions defaults = OptionParser.parse(null);
        assertTrue(defaults.cleaner());
        assertEquals(List.of(Recipe.values()), defaults.recipes());
        assertEquals(String.join(";", Recipe.keys()), defaults.value(Option.RECIPES));
        AgentOptions off = OptionParser.parse("cleaner=off,recipes=none");
        assertFalse(off.cleaner());
        assertEquals(List.of(), off.recipes());
        assertEquals("none", off.value(Option.RECIPES));
        assertEquals(off, OptionParser.parse("cleaner=" + off.value(Option.CLEANER) + ",recipes="
                + off.value(Option.RECIPES)));
        assertEquals(List.of(Recipe.NETTY_UNPOOLED), OptionParser.parse("recipes=netty-unpooled").recipes());
    }

    @Test
    void anUnknownRecipeIsNamedWithTheKnownOnes() {
        BadOptionsException e = assertThrows(BadOptionsException.class,
                () -> OptionParser.parse("recipes=netty-unpooled;mina"));
        assertEquals(List.of("bad value recipes=netty-unpooled;mina: unknown recipe 'mina'; known: netty-unpooled"
                + " (allowed: recipe names, ';'-separated, or none)"), e.problems());
    }

    @Test
    void theOptionTableListsEveryRecipeWithWhatItReleases() {
        for (Recipe recipe : Recipe.values()) {
            assertTrue(Option.RECIPES.meaning().contains(recipe.key() + ": " + recipe.description()),
                    Option.RECIPES.meaning());
        }
    }
}
