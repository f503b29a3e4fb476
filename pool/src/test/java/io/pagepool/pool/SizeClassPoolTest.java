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

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The size-class group's facade: the JDK's promises for every packet size, dispatch, waives for size. */
class SizeClassPoolTest {
    /** Sizes packet code asks for: tiny, Ethernet frames, pages, jumbo frames, TCP reads, the largest datagram. */
    static final int[] SIZES = {1, 64, 1500, 2048, 4096, 4097, 9000, 16384, 65535, 65536};

    static SizeClassPoolBuilder small(String purpose, Warnings warnings) {
        return SizeClassPool.builder().name(purpose).slabBytes(256 << 10).maxMemoryBytes(16 << 20).warnings(warnings)
                .strict(true);
    }

    @Test
    void everyPacketSizeIsServedByTheSmallestClassThatFitsWithTheJdksPromises() throws Exception {
        try (SizeClassPool group = small("promises", new Warnings()).zero(true).build()) {
            List<ByteBuffer> dirty = new ArrayList<>();
            for (int size : SIZES) { // leave garbage in every page the second round gets back (LIFO)
                ByteBuffer b = group.allocBuffer(size);
                while (b.hasRemaining()) {
                    b.put((byte) 0x5A);
                }
                dirty.add(b);
            }
            dirty.forEach(group::release);

            List<ByteBuffer> live = new ArrayList<>();
            for (int size : SIZES) {
                ByteBuffer b = group.allocBuffer(size);
                int classBytes = Math.max(1024, Integer.highestOneBit(size - 1) << 1);
                assertAll("size " + size,
                        () -> assertEquals(size, b.capacity(), "capacity"),
                        () -> assertEquals(0, b.position(), "position"),
                        () -> assertEquals(size, b.limit(), "limit"),
                        () -> assertEquals(ByteOrder.BIG_ENDIAN, b.order(), "order"),
                        () -> assertTrue(b.isDirect(), "direct"),
                        () -> assertTrue(!b.isReadOnly(), "writable"),
                        () -> assertEquals(classBytes, group.classFor(size).pageSize(), "class"),
                        () -> assertSame(group.classFor(size), group.findPage(b).pool(), "served by its class"));
                for (int i = 0; i < size; i++) {
                    assertEquals(0, b.get(i), "size " + size + ": zeroed at " + i);
                }
                live.add(b);
            }
            for (int k = 0; k < live.size(); k++) { // no aliasing: each writes its own mark over all of itself
                ByteBuffer b = live.get(k);
                for (int i = 0; i < b.capacity(); i++) {
                    b.put(i, (byte) k);
                }
            }
            for (int k = 0; k < live.size(); k++) {
                ByteBuffer b = live.get(k);
                for (int i = 0; i < b.capacity(); i++) {
                    assertEquals((byte) k, b.get(i), "buffer of " + SIZES[k] + " bytes overwritten at " + i);
                }
                long start = MemorySegment.ofBuffer(b).address();
                for (int j = 0; j < k; j++) {
                    long other = MemorySegment.ofBuffer(live.get(j)).address();
                    assertTrue(start + b.capacity() <= other || other + live.get(j).capacity() <= start,
                            SIZES[k] + " and " + SIZES[j] + " overlap");
                }
            }
            PoolStats stats = group.stats();
            assertEquals(0, stats.allocWaive(), "served, not waived");
            assertEquals(2L * SIZES.length, stats.allocPages(), "every request a page");
            live.forEach(group::release);
            assertEquals(0, group.stats().inflightPages());
        }
    }

    @Test
    void requestsAboveTheLargestClassAreWaivedForSizeAndCounted() {
        try (SizeClassPool group = small("too-large", new Warnings()).build()) {
            assertNull(group.tryAlloc(65537));
            assertNull(group.tryAllocBuffer(1 << 20));
            assertNull(group.classFor(65537));
            assertThrows(IllegalArgumentException.class, () -> group.allocBuffer(65537));
            assertThrows(IllegalArgumentException.class, () -> group.tryAlloc(-1));
            PoolStats stats = group.stats();
            assertEquals(2, stats.waiveSize());
            assertEquals(2, stats.allocWaive());
            assertEquals(2, group.classes().get(group.classes().size() - 1).stats().waiveSize(),
                    "counted on the largest class");
            assertEquals(0, stats.bytesMapped(), "nothing mapped for them");
        }
    }

    @Test
    void classesRunFromTheSmallestToTheLargestWithNamesCarryingTheirSize() {
        try (SizeClassPool group = small("agent", new Warnings()).minClassBytes(512).maxClassBytes(1 << 20).build()) {
            List<PagePool> classes = group.classes();
            assertEquals(12, classes.size());
            for (int i = 0; i < classes.size(); i++) {
                assertEquals(512 << i, classes.get(i).pageSize());
            }
            assertEquals("agent-512", classes.get(0).name());
            assertEquals("agent-2k", classes.get(2).name());
            assertEquals("agent-1m", classes.get(11).name());
            assertSame(classes.get(0), group.classFor(0));
            assertSame(classes.get(0), group.classFor(1));
            assertSame(classes.get(0), group.classFor(512));
            assertSame(classes.get(1), group.classFor(513));
            assertSame(classes.get(11), group.classFor(1 << 20));
            assertNull(group.classFor((1 << 20) + 1));
            assertNull(group.classFor(Integer.MAX_VALUE));
            Page big = group.alloc(1 << 20); // a class larger than a slab (256 KiB): slabs of one page
            assertEquals(1 << 20, big.sizeBytes());
            big.release();
            assertNotNull(group.alloc(0));
        }
    }

    @Test
    void aStaleViewOfAnEarlierLeaseOfTheSameSizeIsRefusedAndTheCurrentHolderKeepsThePage() {
        try (SizeClassPool group = small("stale", new Warnings()).build()) {
            ByteBuffer first = group.allocBuffer(1500);
            group.release(first);
            ByteBuffer second = group.allocBuffer(1500);
            group.release(second);
            ByteBuffer third = group.allocBuffer(1500);
            Page page = group.findPage(third);
            assertSame(page, group.findPage(first), "LIFO: the same page for every lease");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.release(first));
            assertTrue(e.getMessage().contains("stale"), e.getMessage());
            assertEquals(1, page.refCount(), "the current holder keeps the page");
            group.release(third);
            assertEquals(0, group.stats().inflightPages());
        }
    }

    @Test
    void releaseAndFindPageWorkForEveryClassAndRefuseForeignBuffers() {
        try (SizeClassPool group = small("find", new Warnings()).build()) {
            for (int size : SIZES) {
                ByteBuffer b = group.allocBuffer(size);
                Page page = group.findPage(b);
                assertNotNull(page, "size " + size);
                ByteBuffer slice = b.slice(0, 1); // a slice names a smaller class than its page's
                assertSame(page, group.findPage(slice), "a slice of " + size);
                group.release(b);
                Page held = group.alloc(size);
                ByteBuffer tail = held.buffer().slice(held.sizeBytes() - 1, 1);
                assertSame(held, group.findPage(tail));
                group.release(tail); // a slice releases its page, whichever class
                assertEquals(0, held.refCount());
            }
            ByteBuffer jdk = ByteBuffer.allocateDirect(2048);
            assertNull(group.findPage(jdk));
            assertNull(group.findPage(ByteBuffer.allocate(2048)));
            assertNull(group.findPage(ByteBuffer.allocateDirect(1 << 20)));
            assertNull(group.findPage(ByteBuffer.allocateDirect(0)));
            assertThrows(IllegalArgumentException.class, () -> group.release(jdk));
            assertThrows(IllegalArgumentException.class, () -> group.release(ByteBuffer.allocate(64)));
            assertEquals(0, group.stats().inflightPages());
        }
    }

    @Test
    void aClosedGroupWaivesEveryClassAndCountsWaivesTheCallerServedElsewhere() throws Exception {
        SizeClassPool group = small("closed", new Warnings()).build();
        group.countWaive(WaiveReason.BUDGET, 3000);
        group.countWaive(WaiveReason.SIZE, 100_000);
        assertEquals(1, group.classFor(3000).stats().waiveBudget(), "counted on the class of the request");
        assertEquals(1, group.classes().getLast().stats().waiveSize(), "too large: on the largest class");
        ByteBuffer held = group.allocBuffer(3000);
        group.close();
        assertTrue(group.isClosed());
        assertNull(group.tryAlloc(100));
        assertNull(group.tryAllocBuffer(9000));
        assertThrows(IllegalStateException.class, () -> group.alloc(2048));
        group.release(held); // a page held across close still goes back
        PoolStats stats = group.stats();
        assertEquals(3, stats.waiveClosed());
        assertEquals(1, stats.waiveBudget());
        assertEquals(1, stats.waiveSize());
        for (PagePool cls : group.classes()) {
            assertTrue(cls.awaitClosed(java.time.Duration.ofSeconds(10)), cls.name());
        }
        assertEquals(0, group.stats().bytesMapped());
    }

    @Test
    void pagesLargerThanTheZeroSourceAreZeroedWholeAndAClassLargerThanASlabMapsSlabsOfOnePage() {
        try (SizeClassPool group = small("zero-1m", new Warnings()).maxClassBytes(1 << 20).zero(true).build()) {
            PagePool largest = group.classFor(1 << 20);
            assertEquals(4, largest.refillBatch(), "the 64 KiB class's refill bytes (64 pages) in 1 MiB pages");
            assertEquals(8, largest.newCacheCapacity(), "the 64 KiB class's cache bytes (128 pages) in 1 MiB pages");
            assertEquals(64, group.classFor(65536).refillBatch(), "as configured up to 64 KiB");
            ByteBuffer dirty = group.allocBuffer(1 << 20);
            while (dirty.hasRemaining()) {
                dirty.put((byte) -1);
            }
            group.release(dirty);
            ByteBuffer clean = group.allocBuffer((1 << 20) - 3);
            assertSame(group.findPage(clean), group.findPage(dirty.duplicate().clear().slice(0, 8)));
            for (int i = 0; i < clean.capacity(); i++) {
                assertEquals(0, clean.get(i), "zeroed at " + i);
            }
            group.release(clean);
            assertEquals(1 << 20, largest.stats().bytesMapped() / largest.stats().slabsMapped(), "a slab of one page");
        }
    }
}
