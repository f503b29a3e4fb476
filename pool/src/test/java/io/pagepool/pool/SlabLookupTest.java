package io.pagepool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
}
