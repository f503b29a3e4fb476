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

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Direct-mapped index from a page's address to the page, so that {@link PagePool#release(ByteBuffer)}
 * of a page's own view finds the page with one read of the buffer's address, one array load and
 * an identity check, instead of {@code MemorySegment.ofBuffer} and the hashed slab lookup: a
 * chain of about ten dependent loads less on the fast path.
 *
 * <p>The address comes from {@link ByteBuffer#alignmentOffset}, the one public read of a direct
 * buffer's address that allocates nothing; it yields the low {@value #ADDRESS_BITS} bits. A page's
 * slot is those bits shifted by the page size and masked to the table, so the pages of one slab
 * take consecutive slots; a page whose slot another slab's page already took is not indexed and
 * its buffer takes the exact path. A hit is only ever the page whose own view or current lease
 * view <em>is</em> the buffer, so a slice, a stale view, a foreign buffer or a collision is never
 * mistaken for a page.
 *
 * <p>Sizing: at least twice the pages mapped (a power of two, {@value #MIN_SLOTS} at least),
 * grown when a slab is mapped and rebuilt when one is unmapped.
 *
 * <p>Threading: written under the slab lock, read by any thread without one. A new table is
 * published through a volatile field; a slab mapped into the live table is written with plain
 * stores, which is safe to read racily because a reader only dereferences the page's final
 * {@code view} field.
 */
final class PageDirectory {
    /** Address bits that {@code alignmentOffset} can return: its unit size is an {@code int}. */
    static final int ADDRESS_BITS = 30;
    private static final int MIN_SLOTS = 1024;

    private final int pageShift;
    private final int maxSlots;
    private volatile Page[] slots;

    PageDirectory(int pageSize) {
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.maxSlots = 1 << (ADDRESS_BITS - pageShift);
        this.slots = new Page[Math.min(MIN_SLOTS, maxSlots)];
    }

    /**
     * The page whose own view or current lease view ({@link Page#startViewLease}) is {@code buffer},
     * or null. Any thread; no allocation.
     */
    Page find(ByteBuffer buffer) {
        Page page = candidate(buffer);
        return page != null && (page.buffer() == buffer || page.isLeaseView(buffer)) ? page : null;
    }

    /**
     * The page indexed at {@code buffer}'s address bits, or null: the page {@code buffer} is a
     * view of only if an identity check says so (it may be a collision). Any thread; no allocation.
     */
    Page candidate(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            return null;
        }
        Page[] table = slots;
        return table[(buffer.alignmentOffset(0, 1 << ADDRESS_BITS) >>> pageShift) & (table.length - 1)];
    }

    /** Indexes a newly mapped slab, which {@code mapped} includes. Slab lock held. */
    void added(Slab slab, List<Slab> mapped, long pagesMapped) {
        Page[] table = slots;
        if (slotsFor(pagesMapped) > table.length) {
            rebuild(mapped, pagesMapped);
        } else {
            index(table, slab);
        }
    }

    /** Rebuilds the table for the slabs still mapped. Slab lock held. */
    void rebuild(List<Slab> mapped, long pagesMapped) {
        Page[] table = new Page[slotsFor(pagesMapped)];
        for (Slab slab : mapped) {
            index(table, slab);
        }
        slots = table;
    }

    private int slotsFor(long pages) {
        long wanted = Math.max(MIN_SLOTS, Long.highestOneBit(Math.max(1, pages * 2 - 1)) << 1);
        return (int) Math.min(wanted, maxSlots);
    }

    private void index(Page[] table, Slab slab) {
        int mask = table.length - 1;
        for (int i = 0; i < slab.pageCount(); i++) {
            Page page = slab.page(i);
            int slot = (int) ((page.address() & ((1L << ADDRESS_BITS) - 1)) >>> pageShift) & mask;
            if (table[slot] == null) {
                table[slot] = page;
            }
        }
    }
}
