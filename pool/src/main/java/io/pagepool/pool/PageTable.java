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

import java.util.Arrays;

/**
 * Page ids: the thread caches and the recycle ring hold free pages as {@code int} ids, not
 * references, and this table turns an id back into its {@link Page} with one array load.
 *
 * <p>Why ids: with G1 (JDK 25), storing a reference into an array in the old generation, as a
 * long-lived cache's stack is, runs the post-write barrier up to a StoreLoad fence whenever the
 * page lives in another heap region. An {@code int} store has no barrier: with the caches in the
 * old generation, alloc+release took 10.0 ns with references and 7.8 ns with ids (5 JMH forks
 * each).
 *
 * <p>Layout: each mapped slab takes a slot of {@code pagesPerSlab} consecutive ids (the lowest
 * free slot), so a page's id is {@code slot * pagesPerSlab + index}; a slot is free when its first
 * entry is null. The table grows by doubling, up to the slots the budget allows.
 *
 * <p>Threading: slots are assigned and released, and entries written, under the slab lock. A
 * reader holds an id only after the slab was added (it got the id from a carve or through the
 * ring, both of which happen after), so it reads the entry without a lock. A grown table is
 * filled first and then published through a volatile field: a thread that reads it racily while
 * holding an older id must see the copied entries, which a plain field would not promise.
 */
final class PageTable {
    private final int pagesPerSlab;
    private final int maxSlots;
    private volatile Page[] pages = new Page[0];

    /** @param maxSlots the most slabs the budget lets be mapped at once */
    PageTable(int pagesPerSlab, int maxSlots) {
        this.pagesPerSlab = pagesPerSlab;
        this.maxSlots = maxSlots;
    }

    /** The page with this id, which the caller got from a cache, the ring or a slab. Any thread. */
    Page get(int id) {
        return pages[id];
    }

    /** The first id of the lowest free slot, which the caller fills with {@link #add}. Slab lock held. */
    int firstFreeId() {
        Page[] table = pages;
        int id = 0;
        while (id < table.length && table[id] != null) {
            id += pagesPerSlab;
        }
        return id;
    }

    /** Enters a new slab's pages under their ids. Slab lock held. */
    void add(Slab slab) {
        int first = slab.firstPageId();
        Page[] table = pages;
        if (first + slab.pageCount() > table.length) {
            int slots = Math.min(maxSlots, Math.max(4, 2 * (table.length / pagesPerSlab)));
            table = Arrays.copyOf(table, Math.max(slots * pagesPerSlab, first + slab.pageCount()));
        }
        for (int i = 0; i < slab.pageCount(); i++) {
            table[first + i] = slab.page(i);
        }
        pages = table; // publishes a grown table; the same one otherwise
    }

    /** Frees an unmapped slab's ids. Slab lock held; every page of the slab is free. */
    void remove(Slab slab) {
        Arrays.fill(pages, slab.firstPageId(), slab.firstPageId() + slab.pageCount(), null);
    }
}
