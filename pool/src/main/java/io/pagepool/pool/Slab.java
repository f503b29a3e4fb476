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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One region mapped from the OS and carved into pages. Its pages' handles and views are made
 * once, when the slab is mapped; the region is unmapped only when every page is free in
 * its free list (or at close), so no held page ever loses its memory.
 *
 * <p>Threading: the free list is guarded by {@link SlabAllocator}'s lock; the rest is final.
 */
final class Slab {
    private final int id;
    private final int firstPageId;
    private final Arena arena;
    private final long base;
    private final long sizeBytes;
    private final int pageShift;
    private final Mapping mapping;
    private final Page[] pages;
    /** Indexes of the free pages; guarded by the allocator's lock. */
    private final int[] free;
    private int freeCount;
    /** Bit {@code i} set while page {@code i} is in {@code free}: catches a page returned twice. Lock held. */
    private final long[] inFreeList;

    /** @param firstPageId the {@link PageTable} id of the slab's first page; the others follow */
    Slab(PagePool pool, PageRecycler recycler, int id, int firstPageId, SlabMapper.Region region, int pageSize) {
        this.id = id;
        this.firstPageId = firstPageId;
        this.arena = region.arena();
        MemorySegment segment = region.segment();
        this.base = segment.address();
        this.sizeBytes = segment.byteSize();
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        this.mapping = region.applied();
        int count = (int) (sizeBytes >>> pageShift);
        this.pages = new Page[count];
        this.free = new int[count];
        this.inFreeList = new long[(count + 63) >>> 6];
        for (int i = 0; i < count; i++) {
            MemorySegment pageSegment = segment.asSlice((long) i << pageShift, pageSize);
            pages[i] = new Page(pool, recycler, this, i, firstPageId + i, pageSegment);
            free[i] = count - 1 - i; // pop hands out the lowest address first
            inFreeList[i >>> 6] |= 1L << i;
        }
        this.freeCount = count;
    }

    int id() {
        return id;
    }

    int firstPageId() {
        return firstPageId;
    }

    long base() {
        return base;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    Mapping mapping() {
        return mapping;
    }

    int pageCount() {
        return pages.length;
    }

    boolean contains(long address) {
        return address - base >= 0 && address - base < sizeBytes;
    }

    /** The page holding {@code address}, which must lie in this slab. */
    Page pageAt(long address) {
        return pages[(int) ((address - base) >>> pageShift)];
    }

    Page page(int index) {
        return pages[index];
    }

    int freeCount() {
        return freeCount;
    }

    boolean isAllFree() {
        return freeCount == pages.length;
    }

    /** Moves up to {@code n} free pages' ids into {@code out[offset..]}; returns how many. Lock held. */
    int take(int[] out, int offset, int n) {
        int k = Math.min(n, freeCount);
        for (int i = 0; i < k; i++) {
            int index = free[--freeCount];
            inFreeList[index >>> 6] &= ~(1L << index);
            out[offset + i] = firstPageId + index;
        }
        return k;
    }

    /**
     * Returns a free page of this slab to its free list; false, leaving the list as it was, when
     * the page is already in it or is held (reference count not 0): a second copy of a page that
     * a racing double release put in two places. Lock held.
     */
    boolean returnPage(Page page) {
        int index = page.index();
        long bit = 1L << index;
        if ((inFreeList[index >>> 6] & bit) != 0 || page.refCount() != 0) {
            return false;
        }
        inFreeList[index >>> 6] |= bit;
        free[freeCount++] = index;
        return true;
    }

    /** Adds the ids of this slab's free pages to {@code out}. Lock held. */
    void addFreeIds(java.util.List<Integer> out) {
        for (int i = 0; i < freeCount; i++) {
            out.add(firstPageId + free[i]);
        }
    }

    /** Unmaps the region (gives it to the OS); false if a stale view still pins it (retry later). */
    boolean unmap() {
        try {
            arena.close();
            return true;
        } catch (IllegalStateException inUse) {
            return false;
        }
    }
}
