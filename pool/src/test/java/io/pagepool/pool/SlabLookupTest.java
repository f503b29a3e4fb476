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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding a page from an address ({@code pageOf}) across slab sizes: slabs of 64 KiB and 2 MiB
 * are aligned to their size, slabs of 4 MiB only to 2 MiB, so one may straddle two address
 * windows of the lookup table. Every byte boundary of every page must map back to its page.
 */
class SlabLookupTest {

    static Stream<Arguments> slabSizes() {
        List<Arguments> out = new ArrayList<>();
        for (long slab : new long[] {64 << 10, 2 << 20, 4 << 20}) {
            for (boolean mmap : new boolean[] {true, false}) {
                out.add(Arguments.of(slab, mmap));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "slab {0} B, mmap={1}")
    @MethodSource("slabSizes")
    void everyPageOfSeveralSlabsIsFoundFromItsViewAndItsFirstAndLastByte(long slabBytes, boolean mmap)
            throws Exception {
        int pageSize = 16384;
        try (PagePool pool = PagePool.builder().name("lookup-" + slabBytes + "-" + mmap).pageSize(pageSize)
                .slabBytes(slabBytes).maxMemoryBytes(3 * slabBytes).preferMmap(mmap).mapping(Mapping.PLAIN)
                .warnings(new Warnings()).build()) {
            int pages = (int) (3 * slabBytes / pageSize);
            Page[] all = new Page[pages];
            assertEquals(pages, pool.allocBulk(all, pages), "three slabs' worth");
            assertEquals(3 * slabBytes, pool.stats().bytesMapped());
            for (Page page : all) {
                assertSame(page, pool.pageOf(page.buffer()));
                assertSame(page, pool.pageOf(page.buffer().slice(0, 1)));
                assertSame(page, pool.pageOf(page.buffer().slice(pageSize - 1, 1)));
            }
            pool.releaseBulk(all, pages);
            Pools.auditAndClose(pool);
        }
    }

    /**
     * The page directory (a page's own view to its page) grows as slabs are mapped and is rebuilt
     * when slabs are unmapped; at every stage each page's view names its page, and buffers that
     * are not a page's own view (another pool's page, a plain direct buffer, a slice, a view of
     * an unmapped slab) are never taken for one.
     */
    @Test
    void pageViewsAreFoundAcrossDirectoryGrowthAndTrimAndOtherBuffersAreNot() throws Exception {
        int pageSize = 4096;
        long slab = 256 << 10; // 64 pages
        int pages = 4096; // 64 slabs: the directory grows from 1024 slots to 8192
        try (PagePool pool = PagePool.builder().name("directory").pageSize(pageSize).slabBytes(slab)
                .maxMemoryBytes((long) pages * pageSize).cacheCapacity(1).ringCapacity(1).warnings(new Warnings())
                .build();
             PagePool other = PagePool.builder().name("directory-other").pageSize(pageSize).slabBytes(slab)
                .maxMemoryBytes(slab).warnings(new Warnings()).build()) {
            Page[] all = new Page[pages];
            assertEquals(pages, pool.allocBulk(all, pages));
            for (Page page : all) {
                assertSame(page, pool.findPage(page.buffer()));
                assertSame(page, pool.findPage(page.buffer().slice(8, 8)), "a slice, by address");
            }
            Page foreign = other.alloc();
            assertNull(pool.findPage(foreign.buffer()), "another pool's page");
            assertNull(pool.findPage(ByteBuffer.allocateDirect(pageSize)), "a JDK direct buffer");
            assertNull(pool.findPage(ByteBuffer.allocate(pageSize)), "a heap buffer");
            foreign.release();

            ByteBuffer staleView = all[0].buffer(); // slab 0 goes back to the OS below
            pool.releaseBulk(all, pages);
            pool.returnRingPages(Integer.MAX_VALUE);
            assertTrue(pool.trim(0) > 0, "free slabs were returned");
            long left = pool.stats().pagesMapped();
            assertTrue(left < pages, left + " pages still mapped");
            assertNull(pool.findPage(staleView), "a view of an unmapped slab");
            Page again = pool.alloc();
            assertSame(again, pool.findPage(again.buffer()), "after the rebuild");
            again.release();
            assertNotNull(pool.pageOf(again.buffer()));
            Pools.auditAndClose(pool);
        }
    }
}
