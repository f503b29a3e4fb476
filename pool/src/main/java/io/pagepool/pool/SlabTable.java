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

import java.util.List;

/**
 * Immutable address-to-slab index: an open-addressing hash of the slab-sized address windows
 * that each slab overlaps (at most two when a slab is not aligned to its size). A lookup is a
 * shift, a hash, usually one probe, and a range check.
 *
 * <p>Threading: immutable; {@link SlabAllocator} publishes a new table through a volatile field
 * whenever a slab is mapped or unmapped.
 */
final class SlabTable {
    static final SlabTable EMPTY = new SlabTable(List.of(), 21);

    private final int windowShift;
    private final long[] windows;
    private final Slab[] slabs;
    private final int mask;

    SlabTable(List<Slab> mapped, int windowShift) {
        this.windowShift = windowShift;
        int slots = Integer.highestOneBit(Math.max(4, mapped.size() * 8) - 1) << 1;
        this.windows = new long[slots];
        this.slabs = new Slab[slots];
        this.mask = slots - 1;
        for (Slab slab : mapped) {
            long first = slab.base() >>> windowShift;
            long last = (slab.base() + slab.sizeBytes() - 1) >>> windowShift;
            for (long w = first; w <= last; w++) {
                int i = slot(w);
                while (slabs[i] != null) {
                    i = (i + 1) & mask;
                }
                windows[i] = w;
                slabs[i] = slab;
            }
        }
    }

    /** The slab holding {@code address}, or null when it is not pool memory. */
    Slab find(long address) {
        long w = address >>> windowShift;
        for (int i = slot(w); ; i = (i + 1) & mask) {
            Slab slab = slabs[i];
            if (slab == null || (windows[i] == w && slab.contains(address))) {
                return slab;
            }
        }
    }

    private int slot(long window) {
        long h = window * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
