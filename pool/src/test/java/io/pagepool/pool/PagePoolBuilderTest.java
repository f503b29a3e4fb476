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
package io.pagepool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builder validation and the run-time setters: every bad value throws an exception whose message
 * names the parameter, the value and the allowed range; good values take effect.
 */
class PagePoolBuilderTest {

    private static Arguments bad(String parameter, String value, String min, String max, Executable action) {
        return Arguments.of(parameter + " = " + value, parameter, value, min, max, action);
    }

    static Stream<Arguments> badBuilderValues() {
        return Stream.of(
                bad("pageSize", "3000", "1024", "65536", () -> PagePool.builder().pageSize(3000)),
                bad("pageSize", "512", "1024", "65536", () -> PagePool.builder().pageSize(512)),
                bad("pageSize", "131072", "1024", "65536", () -> PagePool.builder().pageSize(131072)),
                bad("pageSize", "0", "1024", "65536", () -> PagePool.builder().pageSize(0)),
                bad("slabBytes", "100000", "65536", "1073741824", () -> PagePool.builder().slabBytes(100_000)),
                bad("slabBytes", "3145728", "65536", "1073741824", () -> PagePool.builder().slabBytes(3L << 20)),
                bad("slabBytes", "32768", "65536", "1073741824", () -> PagePool.builder().slabBytes(32768)),
                bad("maxMemoryBytes", "2097152", "4194304", "1099511627776",
                        () -> PagePool.builder().slabBytes(4L << 20).maxMemoryBytes(2L << 20).build()),
                bad("maxMemoryBytes", "1000", "65536", "1099511627776",
                        () -> PagePool.builder().maxMemoryBytes(1000)),
                bad("cacheCapacity", "0", "1", "65536", () -> PagePool.builder().cacheCapacity(0)),
                bad("cacheCapacity", "-5", "1", "65536", () -> PagePool.builder().cacheCapacity(-5)),
                bad("cacheCapacity", "200", "1", "100",
                        () -> PagePool.builder().maxCacheCapacity(100).cacheCapacity(200).refillBatch(10).build()),
                bad("maxCacheCapacity", "0", "1", "65536", () -> PagePool.builder().maxCacheCapacity(0)),
                bad("refillBatch", "200", "1", "100",
                        () -> PagePool.builder().maxCacheCapacity(100).cacheCapacity(50).refillBatch(200).build()),
                bad("refillBatch", "0", "1", "65536", () -> PagePool.builder().refillBatch(0)),
                bad("ringCapacity", "1000", "1", "256",
                        () -> PagePool.builder().maxRingCapacity(256).ringCapacity(1000).build()),
                bad("ringCapacity", "0", "1", "1048576", () -> PagePool.builder().ringCapacity(0)),
                bad("maxRingCapacity", "1000", "1", "1048576", () -> PagePool.builder().maxRingCapacity(1000)),
                bad("slabReserve", "-1", "0", "1048576", () -> PagePool.builder().slabReserve(-1)),
                bad("virtualStripes", "3", "1", "256", () -> PagePool.builder().virtualStripes(3)),
                bad("virtualStripes", "512", "1", "256", () -> PagePool.builder().virtualStripes(512)),
                bad("virtualStripes", "0", "1", "256", () -> PagePool.builder().virtualStripes(0)),
                bad("minClassBytes", "256", "512", "1048576", () -> SizeClassPool.builder().minClassBytes(256)),
                bad("minClassBytes", "1500", "512", "1048576", () -> SizeClassPool.builder().minClassBytes(1500)),
                bad("maxClassBytes", "2097152", "512", "1048576",
                        () -> SizeClassPool.builder().maxClassBytes(2 << 20)),
                bad("maxClassBytes", "2048", "4096", "1048576",
                        () -> SizeClassPool.builder().minClassBytes(4096).maxClassBytes(2048).build()),
                bad("maxMemoryBytes", "1048576", "2097152", "1099511627776",
                        () -> SizeClassPool.builder().maxMemoryBytes(1 << 20).build()),
                bad("classFloorBytes", "1048576", "0", "599186", () -> SizeClassPool.builder() // 4 MiB over 7 classes
                        .slabBytes(256 << 10).maxMemoryBytes(4 << 20).classFloorBytes(1 << 20).build()),
                bad("classFloorBytes", "-1", "0", "1099511627776", () -> SizeClassPool.builder().classFloorBytes(-1)),
                bad("cacheCapacity", "0", "1", "65536", () -> SizeClassPool.builder().cacheCapacity(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilderValues")
    void aBadBuilderValueThrowsNamingTheParameterTheValueAndTheAllowedRange(String description, String parameter,
            String value, String min, String max, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertNamesParameterValueAndRange(e, parameter, value, min, max);
    }

    private static void assertNamesParameterValueAndRange(Throwable e, String parameter, String value, String min,
            String max) {
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(parameter), () -> "names the parameter '" + parameter + "': " + message);
        assertTrue(message.contains(value), () -> "names the value " + value + ": " + message);
        assertTrue(message.contains(min) && message.contains(max),
                () -> "names the allowed range " + min + " to " + max + ": " + message);
    }

    @Test
    void aNullMappingThrowsNullPointerExceptionNamingTheParameterAndTheAllowedModes() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PagePool.builder().mapping(null));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("mapping"), () -> "names the parameter: " + message);
        assertTrue(message.contains("null"), () -> "names the value: " + message);
        for (Mapping mode : Mapping.values()) {
            assertTrue(message.contains(mode.name()), () -> "names the allowed modes: " + message);
        }
    }

    @Test
    void nullListenerAndWarningSinkAreRejected() {
        assertThrows(NullPointerException.class, () -> PagePool.builder().listener(null));
        assertThrows(NullPointerException.class, () -> PagePool.builder().warnings(null));
        assertThrows(IllegalArgumentException.class, () -> PagePool.builder().name(" "));
        assertThrows(IllegalArgumentException.class, () -> PagePool.builder().name(null));
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() throws Exception {
        for (int pageSize : new int[] {1024, 65536}) {
            try (PagePool pool = PagePool.builder().pageSize(pageSize).slabBytes(64 << 10).maxMemoryBytes(64 << 10)
                    .cacheCapacity(1).maxCacheCapacity(1).refillBatch(1).ringCapacity(1).maxRingCapacity(1)
                    .virtualStripes(1).slabReserve(0).warnings(new Warnings()).build()) {
                assertEquals(pageSize, pool.pageSize());
                Page page = pool.alloc();
                assertEquals(pageSize, page.buffer().capacity());
                page.release();
                Pools.auditAndClose(pool);
            }
        }
        try (PagePool pool = PagePool.builder().name("defaults").warnings(new Warnings()).build()) {
            assertEquals("defaults", pool.name());
            assertEquals(4096, pool.pageSize());
            assertEquals(128, pool.newCacheCapacity());
            assertEquals(4096, pool.maxCacheCapacity());
            assertEquals(64, pool.refillBatch());
            assertEquals(1024, pool.ringCapacity());
            assertEquals(16384, pool.maxRingCapacity());
            assertEquals(1, pool.slabReserve());
            assertEquals(1L << 30, pool.maxMemoryBytes());
            assertEquals(Mapping.PREFAULT, pool.mapping());
            assertTrue(pool.statsEnabled());
            assertFalse(pool.zeroes());
            assertEquals(0, pool.stats().bytesMapped(), "building maps nothing");
        }
    }

    // ------------------------------------------------------------------ run-time setters

    static Stream<Arguments> badSetterValues() {
        return Stream.of(
                setter("cacheCapacity", "0", "1", "4096", pool -> pool.setCacheCapacity(0)),
                setter("cacheCapacity", "4097", "1", "4096", pool -> pool.setCacheCapacity(4097)),
                setter("cacheCapacity", "-1", "0", "4096", pool -> pool.setCacheCapacity(ownCacheId(pool), -1)),
                setter("cacheCapacity", "4097", "0", "4096", pool -> pool.setCacheCapacity(ownCacheId(pool), 4097)),
                setter("refillBatch", "0", "1", "4096", pool -> pool.setRefillBatch(0)),
                setter("refillBatch", "4097", "1", "4096", pool -> pool.setRefillBatch(4097)),
                setter("ringCapacity", "0", "1", "16384", pool -> pool.setRingCapacity(0)),
                setter("ringCapacity", "16385", "1", "16384", pool -> pool.setRingCapacity(16385)),
                setter("slabReserve", "-1", "0", "1048576", pool -> pool.setSlabReserve(-1)),
                setter("keepFreeSlabs", "-1", "0", "1048576", pool -> pool.trim(-1)));
    }

    private static Arguments setter(String parameter, String value, String min, String max,
            Consumer<PagePool> action) {
        return Arguments.of(parameter + " = " + value, parameter, value, min, max, action);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSetterValues")
    void aBadRunTimeValueThrowsNamingTheParameterTheValueAndTheAllowedRangeAndChangesNothing(String description,
            String parameter, String value, String min, String max, Consumer<PagePool> action) throws Exception {
        try (PagePool pool = Pools.small("setters", new Warnings()).build()) {
            pool.alloc().release(); // registers this thread's cache
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> action.accept(pool));
            assertNamesParameterValueAndRange(e, parameter, value, min, max);
            assertEquals(128, pool.newCacheCapacity());
            assertEquals(64, pool.refillBatch());
            assertEquals(1024, pool.ringCapacity());
            assertEquals(1, pool.slabReserve());
            for (CacheStats cache : pool.cacheStats()) {
                assertEquals(128, cache.capacity(), "no cache changed");
            }
            Pools.auditAndClose(pool);
        }
    }

    private static long ownCacheId(PagePool pool) {
        long me = Thread.currentThread().threadId();
        return pool.cacheStats().stream().filter(c -> c.threadId() == me).findFirst().orElseThrow().cacheId();
    }

    private static CacheStats ownCache(PagePool pool) {
        long me = Thread.currentThread().threadId();
        return pool.cacheStats().stream().filter(c -> c.threadId() == me).findFirst().orElseThrow();
    }

    @Test
    void setCacheCapacityBoundsThePagesAThreadKeepsInItsCache() throws Exception {
        try (PagePool pool = Pools.small("set-cache", new Warnings()).build()) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pages.add(pool.alloc());
            }
            pool.setCacheCapacity(8);
            assertEquals(8, pool.newCacheCapacity());
            for (Page page : pages) {
                page.release();
                assertTrue(ownCache(pool).size() <= 8, () -> "at most 8 cached: " + ownCache(pool));
            }
            CacheStats mine = ownCache(pool);
            assertEquals(8, mine.capacity());
            assertTrue(mine.size() >= 1 && mine.size() <= 8, mine::toString);
            assertTrue(pool.stats().recycleRing() >= 90, "the rest went to the ring: " + pool.stats());
            for (CacheStats cache : pool.cacheStats()) {
                assertEquals(8, cache.capacity(), "every cache and stripe: " + cache);
            }
            // a cache created later gets the new capacity too
            AtomicReference<CacheStats> later = new AtomicReference<>();
            Pools.runOnNewThread("later", () -> {
                pool.alloc().release();
                later.set(ownCache(pool));
            });
            assertEquals(8, later.get().capacity());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void setCacheCapacityOfOneCacheChangesOnlyThatCacheAndZeroDrainsIt() throws Exception {
        try (PagePool pool = Pools.small("set-one-cache", new Warnings()).build()) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pages.add(pool.alloc());
            }
            pages.removeFirst().release();
            long id = ownCache(pool).cacheId();
            assertTrue(pool.setCacheCapacity(id, 0));
            assertFalse(pool.setCacheCapacity(Long.MAX_VALUE, 5), "no cache has that id");
            assertEquals(128, pool.newCacheCapacity(), "the default for new caches is unchanged");
            for (CacheStats cache : pool.cacheStats()) {
                assertEquals(cache.cacheId() == id ? 0 : 128, cache.capacity(), cache::toString);
            }
            pages.removeFirst().release(); // the owner's next release drains it
            assertEquals(0, ownCache(pool).size());
            for (Page page : pages) {
                page.release();
                assertEquals(0, ownCache(pool).size(), "a cache of capacity 0 keeps nothing");
            }
            pages.clear();
            Page again = pool.alloc(); // still works: refills one page at a time
            assertEquals(0, ownCache(pool).size());
            again.release();
            assertTrue(pool.setCacheCapacity(id, 3));
            for (int i = 0; i < 10; i++) {
                pages.add(pool.alloc());
            }
            pages.forEach(Page::release);
            assertEquals(3, ownCache(pool).capacity());
            assertTrue(ownCache(pool).size() <= 3);
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void setRefillBatchChangesHowManyPagesAnEmptyCacheTakes() throws Exception {
        for (int batch : new int[] {5, 17, 1, 128}) {
            try (PagePool pool = Pools.small("set-refill", new Warnings()).build()) {
                pool.setRefillBatch(batch);
                assertEquals(batch, pool.refillBatch());
                AtomicReference<CacheStats> seen = new AtomicReference<>();
                Pools.runOnNewThread("fresh", () -> {
                    Page page = pool.alloc();
                    seen.set(ownCache(pool));
                    page.release();
                });
                // a batch is capped by the cache's capacity (128)
                assertEquals(Math.min(batch, 128) - 1, seen.get().size(), "a fresh cache took one batch of " + batch);
                Pools.auditAndClose(pool);
            }
        }
    }

    @Test
    void setRingCapacityLimitsThePagesTheRingHolds() throws Exception {
        try (PagePool pool = Pools.small("set-ring", new Warnings()).cacheCapacity(8).build()) {
            pool.setRingCapacity(4);
            assertEquals(4, pool.ringCapacity());
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                pages.add(pool.alloc());
            }
            for (Page page : pages) {
                page.release();
                assertTrue(pool.stats().ringSize() <= 4);
            }
            PoolStats stats = pool.stats();
            assertEquals(4, stats.ringSize(), "full");
            assertEquals(4, stats.ringCapacity());
            assertTrue(stats.recycleRingFull() > 0, "pages that did not fit went to their slabs");
            pool.setRingCapacity(1000);
            pages.clear();
            for (int i = 0; i < 60; i++) {
                pages.add(pool.alloc());
            }
            for (Page page : pages) {
                page.release();
            }
            assertTrue(pool.stats().ringSize() > 4, "a raised capacity takes more: " + pool.stats());
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void setSlabReserveAndTrimReturnFreeSlabsToTheOs() throws Exception {
        // 16 pages per slab; a cache of 1 and a ring of 1 send released pages back to their slabs
        try (PagePool pool = Pools.small("set-reserve", new Warnings()).slabBytes(64 << 10).cacheCapacity(1)
                .ringCapacity(1).slabReserve(8).build()) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                pages.add(pool.alloc());
            }
            assertEquals(6L * (64 << 10), pool.stats().bytesMapped());
            for (Page page : pages) {
                page.release();
            }
            PoolStats kept = pool.stats();
            assertEquals(6L * (64 << 10), kept.bytesMapped(), "a reserve of 8 keeps every free slab");
            assertEquals(0, kept.slabsUnmapped());

            pool.setSlabReserve(2);
            assertEquals(2, pool.slabReserve());
            PoolStats afterReserve = pool.stats();
            // at most 2 pages are outside their slabs (one cached, one in the ring): at most 2 busy slabs
            assertTrue(afterReserve.bytesMapped() <= 4L * (64 << 10), "2 free + at most 2 busy: " + afterReserve);
            assertTrue(afterReserve.slabsUnmapped() >= 2);
            assertEquals(afterReserve.slabsMapped() - afterReserve.slabsUnmapped(),
                    afterReserve.bytesMapped() / (64 << 10));

            int returned = pool.trim(0);
            assertTrue(returned >= 2, "trim(0) returned the 2 reserved slabs: " + returned);
            PoolStats afterTrim = pool.stats();
            assertEquals(afterReserve.bytesMapped() - returned * (64L << 10), afterTrim.bytesMapped());
            assertTrue(afterTrim.bytesMapped() <= 2L * (64 << 10));
            assertEquals(0, pool.trim(0), "nothing left to trim");
            Pools.assertConsistent(pool, List.of());

            Page page = pool.alloc(); // maps again on demand
            page.buffer().putLong(0, 42);
            page.release();
            Pools.auditAndClose(pool);
        }
    }
}
