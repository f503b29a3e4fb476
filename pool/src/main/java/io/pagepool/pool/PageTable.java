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
 * free slot), so a page's id is {@code slot * pagesPerSlab + index}. The table grows by doubling.
 *
 * <p>Threading: slots are assigned and released, and entries written, under the slab lock. A
 * reader holds an id only after the slab was added (it got the id from a carve or through the
 * ring, both of which happen after), so it reads the entry without a lock; a grown table is
 * published through a volatile field.
 */
final class PageTable {
    private final int pagesPerSlab;
    private final int maxSlots;
    private volatile Page[] pages = new Page[0];
    /** Slots in use; guarded by the slab lock. */
    private boolean[] slotUsed = new boolean[0];

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
        int slot = 0;
        while (slot < slotUsed.length && slotUsed[slot]) {
            slot++;
        }
        return slot * pagesPerSlab;
    }

    /** Enters a new slab's pages under their ids. Slab lock held. */
    void add(Slab slab) {
        int slot = slab.firstPageId() / pagesPerSlab;
        if (slot >= slotUsed.length) {
            slotUsed = Arrays.copyOf(slotUsed, Math.min(maxSlots, Math.max(4, slotUsed.length * 2)));
        }
        slotUsed[slot] = true;
        Page[] table = pages;
        int end = slab.firstPageId() + slab.pageCount();
        if (end > table.length) {
            table = Arrays.copyOf(table, slotUsed.length * pagesPerSlab);
        }
        for (int i = 0; i < slab.pageCount(); i++) {
            table[slab.firstPageId() + i] = slab.page(i);
        }
        pages = table; // publishes a grown table; the same one otherwise
    }

    /** Frees an unmapped slab's ids. Slab lock held; every page of the slab is free. */
    void remove(Slab slab) {
        Arrays.fill(pages, slab.firstPageId(), slab.firstPageId() + slab.pageCount(), null);
        slotUsed[slab.firstPageId() / pagesPerSlab] = false;
    }
}
