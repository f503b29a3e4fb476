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
package io.pagepool.agent.runtime;

import io.pagepool.pool.Page;

import java.nio.ByteBuffer;

/**
 * Finds the page of a buffer the swap handed out without the pool's exact lookup by address
 * (which builds a segment of the buffer and searches the slab table): a direct-mapped table of
 * the pages the swap handed out, indexed by the bits of the page's address above the page size.
 * A lease's buffer starts at its page's first byte, so its own address bits name the slot.
 *
 * <p>A slot is only a candidate: the caller trusts it after checking by identity that the
 * buffer is the lease attached to that page (a lease's buffer is only ever attached to its own
 * page), so a collision, a stale slot or a foreign buffer is never mistaken for a page; on a miss
 * the caller asks the pool. The address bits come from {@link ByteBuffer#alignmentOffset}, which
 * allocates nothing.
 *
 * <p>Threading: any thread. Slots are read and written plainly (a racing reader sees some page
 * or null, both checked); a slot is written only when it names another page, so in steady state
 * handing a page out writes nothing.
 */
final class PageIndex {
    /** Slots: a power of two (32 KiB of references at most per swap). */
    static final int SLOTS = 1 << 13;
    /** Low address bits read by {@code alignmentOffset}: enough for every slot of the largest page. */
    private static final int ADDRESS_BITS = 30;

    private final Page[] slots = new Page[SLOTS];
    private final int pageShift;

    /** @param pageSizeBytes the smallest page size served, a power of two of at most 128 KiB */
    PageIndex(int pageSizeBytes) {
        this.pageShift = Integer.numberOfTrailingZeros(pageSizeBytes);
        if (Integer.bitCount(pageSizeBytes) != 1 || pageShift + Integer.numberOfTrailingZeros(SLOTS) > ADDRESS_BITS) {
            throw new IllegalArgumentException("page size " + pageSizeBytes + " is not a power of two up to 128 KiB");
        }
    }

    /** Records {@code page}, just handed out by the swap. */
    void add(Page page) {
        int slot = (int) (page.address() >>> pageShift) & (SLOTS - 1);
        if (slots[slot] != page) {
            slots[slot] = page;
        }
    }

    /** The page recorded at {@code buffer}'s address, or null: {@code buffer}'s page only if its lease says so. */
    Page candidate(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            return null;
        }
        return slots[(buffer.alignmentOffset(0, 1 << ADDRESS_BITS) >>> pageShift) & (SLOTS - 1)];
    }
}
