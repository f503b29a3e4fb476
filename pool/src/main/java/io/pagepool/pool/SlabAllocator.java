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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The slow path: maps slabs from the OS inside the memory budget, carves pages from them in bulk,
 * takes returned pages back, and unmaps whole free slabs beyond the reserve (or at close).
 *
 * <p>Threading: every method that changes slabs runs under {@link #lock}. The address table is
 * immutable and published through a volatile field, so {@link #find(long)} takes no lock. The
 * gauges ({@code bytesMapped} …) are written under the lock and read by any thread. The pages'
 * owners ({@link #pageOwners}) are set once by the pool's constructor, before any slab is mapped.
 */
final class SlabAllocator {
    final ReentrantLock lock = new ReentrantLock();
    /** Events counted on paths that have no cache of their own; written under {@link #lock}. */
    final Counters lockedCounters = new Counters();

    private final PoolSettings settings;
    private final PoolEvents events;
    private final SlabMapper mapper;
    private final long slabBytes;
    private final int pageSize;
    private final long maxMemoryBytes;
    /** Asked before every mapping and told of every unmapping: {@link SlabBudget#NONE} for a standalone pool. */
    private final SlabBudget budget;
    /** What every page is handed at its creation: {@link #pageOwners}, before the first slab. */
    private PagePool pool;
    private PageRecycler recycler;
    private final List<Slab> slabs = new ArrayList<>();
    private volatile SlabTable table = SlabTable.EMPTY;
    private final PageDirectory directory;
    private final PageTable pageTable;
    private final int windowShift;

    private volatile long bytesMapped;
    private volatile long slabsMappedTotal;
    private volatile long slabsUnmappedTotal;
    private volatile long mappingFallbacks;
    /** Written under the lock; read by any thread. */
    private volatile long doubleReturnsDropped;
    private volatile int slabReserve;
    private int fullyFreeSlabs;
    /** Free pages in all mapped slabs: at 0 with the budget spent, a carve returns at once. */
    private long freePages;
    private int nextSlabId;
    private boolean warnedFallback;
    private boolean closing;

    SlabAllocator(PoolSettings settings, PoolEvents events, SlabMapper mapper, long slabBytes, int slabReserve,
            SlabBudget budget) {
        this.settings = settings;
        this.budget = budget;
        this.events = events;
        this.mapper = mapper;
        this.slabBytes = slabBytes;
        this.pageSize = settings.pageSize;
        this.maxMemoryBytes = settings.maxMemoryBytes;
        this.slabReserve = slabReserve;
        this.windowShift = Long.numberOfTrailingZeros(slabBytes);
        this.directory = new PageDirectory(pageSize);
        this.pageTable = new PageTable((int) (slabBytes / pageSize), (int) (maxMemoryBytes / slabBytes));
    }

    /**
     * Sets what each page is handed at its creation: the pool (which {@link Page#pool()} returns)
     * and the recycler its last release calls. Once, from the pool's constructor.
     */
    void pageOwners(PagePool pool, PageRecycler recycler) {
        this.pool = pool;
        this.recycler = recycler;
    }

    /** Page ids to pages; kept in step with the mapped slabs. */
    PageTable pageTable() {
        return pageTable;
    }

    /** The index of page views by address; kept in step with the mapped slabs. */
    PageDirectory directory() {
        return directory;
    }

    /** The slab holding {@code address}, or null. Any thread, no lock. */
    Slab find(long address) {
        return table.find(address);
    }

    /**
     * Moves up to {@code n} free pages into {@code out[offset..]}, mapping a new slab when none is
     * free and the budget allows. Returns how many (0: budget spent or closing). Counts a slab
     * mapping as {@code allocSlowHighOrder} in {@code counters}, which the caller owns. When the
     * shared budget left it with no page, asks the budget to reclaim (with no lock held) and tries
     * once more.
     */
    int carve(int[] out, int offset, int n, Counters counters, boolean stats) {
        int got = carveLocked(out, offset, n, counters, stats);
        if (got == 0 && budget != SlabBudget.NONE && budget.reclaim()) {
            got = carveLocked(out, offset, n, counters, stats);
        }
        return got;
    }

    private int carveLocked(int[] out, int offset, int n, Counters counters, boolean stats) {
        lock.lock();
        try {
            if (closing) {
                return 0;
            }
            int got = 0;
            for (int i = 0; i < slabs.size() && got < n && freePages > 0; i++) {
                got += takeFrom(slabs.get(i), out, offset + got, n - got);
            }
            while (got < n && bytesMapped + slabBytes <= maxMemoryBytes && budget.tryCharge(slabBytes)) {
                Slab slab;
                try {
                    slab = mapSlab();
                } catch (OutOfMemoryError refused) {
                    budget.refund(slabBytes);
                    events.warn("the OS refused a " + slabBytes + "-byte slab (" + refused.getMessage()
                            + "); treating it as a spent budget");
                    break;
                }
                if (stats) {
                    counters.inc(Counters.ALLOC_SLOW_HIGH_ORDER);
                }
                got += takeFrom(slab, out, offset + got, n - got);
            }
            return got;
        } finally {
            lock.unlock();
        }
    }

    private int takeFrom(Slab slab, int[] out, int offset, int n) {
        if (slab.freeCount() == 0) {
            return 0;
        }
        if (slab.isAllFree()) {
            fullyFreeSlabs--;
        }
        int taken = slab.take(out, offset, n);
        freePages -= taken;
        return taken;
    }

    private Slab mapSlab() {
        long start = System.nanoTime();
        SlabMapper.Region region = mapper.map(slabBytes);
        Slab slab = new Slab(pool, recycler, nextSlabId++, pageTable.firstFreeId(), region, pageSize);
        pageTable.add(slab);
        slabs.add(slab);
        fullyFreeSlabs++;
        freePages += slab.pageCount();
        table = new SlabTable(slabs, windowShift);
        bytesMapped += slab.sizeBytes();
        directory.added(slab, slabs, pagesMapped());
        slabsMappedTotal++;
        long took = System.nanoTime() - start;
        if (region.fallbackReason() != null) {
            mappingFallbacks++;
            if (!warnedFallback) {
                warnedFallback = true;
                events.warn("mapping " + mapper.requested() + " unavailable, using " + region.applied() + ": "
                        + region.fallbackReason());
            }
            events.notify((l, p) -> l.mappingFallback(p, mapper.requested(), region.applied(),
                    region.fallbackReason()));
        }
        events.notify((l, p) -> l.slabMapped(p, slab.sizeBytes(), region.applied(), took));
        return slab;
    }

    /**
     * Returns free pages (ids) to their slabs' free lists; unmaps slabs that become free beyond
     * the reserve (every slab, once closing).
     */
    void returnPages(int[] ids, int offset, int n) {
        lock.lock();
        try {
            for (int i = offset; i < offset + n; i++) {
                returnLocked(pageTable.get(ids[i]));
            }
            trimLocked(closing ? 0 : slabReserve);
        } finally {
            lock.unlock();
        }
    }

    /** Returns a page released after close to its slab, counting the release ({@code releasePages}). */
    void returnReleased(Page page) {
        lock.lock();
        try {
            if (settings.counting()) {
                lockedCounters.inc(Counters.RELEASE_SLOW);
            }
            returnLocked(page);
            trimLocked(closing ? 0 : slabReserve);
        } finally {
            lock.unlock();
        }
    }

    private void returnLocked(Page page) {
        Slab slab = page.slab();
        if (!slab.returnPage(page)) {
            doubleReturnsDropped++;
            if (doubleReturnsDropped == 1) {
                events.warn(page + " was returned to its slab twice (two releases of one lease?); the copy is"
                        + " dropped and counted, see PagePool.audit(); strict(true) catches the release itself");
            }
            return;
        }
        freePages++;
        if (slab.isAllFree()) {
            fullyFreeSlabs++;
        }
    }

    /** Counts events that happened outside any cache (calls on a closed pool). */
    void countLocked(int counter, int detail) {
        lock.lock();
        try {
            lockedCounters.inc(counter);
            lockedCounters.inc(detail);
        } finally {
            lock.unlock();
        }
    }

    boolean usesMmap() {
        return mapper.usesMmap();
    }

    /** Unmaps free slabs until at most {@code keepFreeSlabs} stay mapped; returns how many went. */
    int trim(int keepFreeSlabs) {
        lock.lock();
        try {
            return trimLocked(keepFreeSlabs);
        } finally {
            lock.unlock();
        }
    }

    private int trimLocked(int keep) {
        if (fullyFreeSlabs <= keep) {
            return 0;
        }
        int returned = 0;
        // newest first: older slabs are carved first, so newer ones are the likeliest to stay idle
        for (int i = slabs.size() - 1; i >= 0 && fullyFreeSlabs > keep; i--) {
            Slab slab = slabs.get(i);
            if (slab.isAllFree() && slab.unmap()) {
                slabs.remove(i);
                pageTable.remove(slab);
                fullyFreeSlabs--;
                freePages -= slab.pageCount();
                bytesMapped -= slab.sizeBytes();
                budget.refund(slab.sizeBytes());
                slabsUnmappedTotal++;
                returned++;
                events.notify((l, p) -> l.slabUnmapped(p, slab.sizeBytes()));
            }
        }
        if (returned > 0) {
            table = new SlabTable(slabs, windowShift);
            directory.rebuild(slabs, pagesMapped());
        }
        return returned;
    }

    /** From now on carve nothing and unmap every slab as soon as it is free. */
    void startClosing() {
        lock.lock();
        try {
            closing = true;
            trimLocked(0);
        } finally {
            lock.unlock();
        }
    }

    void setSlabReserve(int slabs) {
        lock.lock();
        try {
            this.slabReserve = slabs;
            trimLocked(closing ? 0 : slabs);
        } finally {
            lock.unlock();
        }
    }

    int slabReserve() {
        return slabReserve;
    }

    long bytesMapped() {
        return bytesMapped;
    }

    long pagesMapped() {
        return bytesMapped / pageSize;
    }

    long slabsMappedTotal() {
        return slabsMappedTotal;
    }

    long slabsUnmappedTotal() {
        return slabsUnmappedTotal;
    }

    long mappingFallbacks() {
        return mappingFallbacks;
    }

    /** Pages held by callers now (reference count above 0), counted page by page: works with stats off. */
    long heldPages() {
        lock.lock();
        try {
            long held = 0;
            for (Slab slab : slabs) {
                for (int i = 0; i < slab.pageCount(); i++) {
                    if (slab.page(i).refCount() > 0) {
                        held++;
                    }
                }
            }
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** The ids of every free page in the slabs' free lists. */
    List<Integer> freeIds() {
        lock.lock();
        try {
            List<Integer> ids = new ArrayList<>();
            for (Slab slab : slabs) {
                slab.addFreeIds(ids);
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** Pages returned to a slab that already had them free, or that were held again: dropped. */
    long doubleReturnsDropped() {
        return doubleReturnsDropped;
    }

    /** A copy of the mapped slabs. Lock held. */
    List<Slab> slabsLocked() {
        return List.copyOf(slabs);
    }
}
