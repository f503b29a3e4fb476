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
}
