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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A LIFO stack of free pages private to one thread (the kernel's per-NAPI alloc cache), or, for
 * virtual threads, one of a few striped stacks shared under a tiny lock, with the operations on
 * its stack: pop and push (the fast paths), refill from the ring or slabs, recycle a page with
 * a flush of its colder half when full, drain it whole. Pages are held as {@link PageTable} ids,
 * so that a push is a plain {@code int} store with no GC barrier.
 *
 * <p>Invariants: {@code stack[0..size)} holds the ids of free pages (refcount 0), hottest on
 * top; {@code size <= stack.length}; the owner keeps {@code size <= capacity} except right after the
 * capacity was lowered, which the owner repairs at its next overflow.
 *
 * <p>Threading: only the owner thread (or the holder of a stripe's lock) touches the stack,
 * {@code size}, the fragment state and the counters. {@code capacity} is written by any thread
 * (the tuner) with an opaque store and read by the owner with an opaque load, so a new value is
 * seen at the owner's next push. Other threads read {@code size} and the counters racily, for
 * statistics only. A dead owner's cache is drained by whoever sweeps, after
 * {@link Thread#isAlive()} returned false (which happens-after everything the owner did).
 */
final class ThreadCache {
    private static final VarHandle CAPACITY;
    private static final VarHandle SIZE;
    private static final VarHandle LOCK;
    private static final VarHandle FAST_ALLOCS;
    private static final VarHandle CACHED_RELEASES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CAPACITY = lookup.findVarHandle(ThreadCache.class, "capacity", int.class);
            SIZE = lookup.findVarHandle(ThreadCache.class, "size", int.class);
            LOCK = lookup.findVarHandle(ThreadCache.class, "locked", int.class);
            FAST_ALLOCS = lookup.findVarHandle(ThreadCache.class, "fastAllocs", long.class);
            CACHED_RELEASES = lookup.findVarHandle(ThreadCache.class, "cachedReleases", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returned by {@link #pop()} when the cache is empty. */
    static final int EMPTY = -1;

    final long id;
    /** The owning platform thread, or null for a virtual-thread stripe. */
    final Thread owner;
    final String ownerName;
    final Counters counters = new Counters();
    private final PoolSettings settings;
    private final RecycleRing ring;
    private final SlabAllocator slabs;
    /** The pool's {@code stats} option, copied so that a fast-path count loads this cache only. */
    private final boolean stats;

    /** Ids of free pages; {@code [0..size)} are valid. */
    int[] stack;
    int size;
    /**
     * The fast path's two counters as plain fields of their own: an update through
     * {@link Counters}' array costs an extra load and bounds check, measured at ~4 ns per
     * alloc+release. They add to {@code ALLOC_FAST} and {@code RECYCLE_CACHED}; see
     * {@link #addCountersTo(long[])}.
     */
    long fastAllocs;
    long cachedReleases;
    @SuppressWarnings("unused")
    private int capacity;
    /** Stripe lock word: 0 free, 1 held. Unused for platform-thread caches. */
    @SuppressWarnings("unused")
    private int locked;

    /** Fast-path allocations left until the next sample check. Owner only. */
    private int sampleCountdown;

    /** The page currently being split into fragments, its next offset and fragments handed out. */
    Page fragmentPage;
    private int fragmentOffset;
    private int fragmentsHanded;

    ThreadCache(long id, Thread owner, String ownerName, int sampleInterval, PoolSettings settings,
                RecycleRing ring, SlabAllocator slabs) {
        this.id = id;
        this.owner = owner;
        this.ownerName = ownerName;
        this.settings = settings;
        this.ring = ring;
        this.slabs = slabs;
        this.stats = settings.stats;
        this.sampleCountdown = sampleInterval;
        int capacity = settings.newCacheCapacity();
        this.stack = new int[Math.max(1, capacity)];
        CAPACITY.setOpaque(this, capacity);
    }

    // ------------------------------------------------------------------ fast paths

    /** Pops the id of the hottest free page, or {@link #EMPTY}. Owner only. */
    int pop() {
        int s = size;
        if (s == 0) {
            return EMPTY;
        }
        size = --s;
        return stack[s];
    }

    /** Pushes a free page's id; false when the cache is at capacity. Owner only. */
    boolean push(int pageId) {
        int s = size;
        int[] st = stack;
        if (s >= capacity() || s >= st.length) {
            return false;
        }
        st[s] = pageId;
        size = s + 1;
        return true;
    }

    /** Counts a fast-path allocation. Owner only. */
    void countFastAlloc() {
        if (counting()) {
            fastAllocs++;
        }
    }

    /** Counts a release pushed by the fast path. Owner only. */
    void countCachedRelease() {
        if (counting()) {
            cachedReleases++;
        }
    }

    /** Counts down to the next sample; true when one is due. Owner only. */
    boolean sampleDue() {
        return --sampleCountdown <= 0;
    }

    /** Counts down {@code n} fast-path allocations at once; true when a sample is due. Owner only. */
    boolean sampleDue(int n) {
        sampleCountdown -= n;
        return sampleCountdown <= 0;
    }

    void restartSampleCountdown(int interval) {
        sampleCountdown = interval;
    }

    // ------------------------------------------------------------------ refill, recycle, flush, drain

    /** Moves up to {@code batch} pages from the ring onto the stack; returns how many. Owner only. */
    int refillFromRing(int batch) {
        ensureRoom(size + batch);
        int got = ring.consume(stack, size, batch);
        size += got;
        return got;
    }

    /**
     * Carves up to {@code batch} pages from slabs onto the stack (mapping a slab if the budget
     * allows); returns how many. Owner only.
     */
    int refillFromSlabs(int batch) {
        ensureRoom(size + batch);
        int got = slabs.carve(stack, size, batch, counters, counting());
        size += got;
        return got;
    }

    /**
     * Recycles a free page into this cache: pushes it, flushing the colder half first when full;
     * at capacity 0 (the tuner drained this cache) the page goes to the ring or its slab. Owner only.
     */
    void recycle(int pageId) {
        if (!push(pageId)) {
            makeRoom();
            if (!push(pageId)) {
                count(Counters.RELEASE_SLOW);
                flush(new int[] {pageId}, 1);
                return;
            }
        }
        count(Counters.RECYCLE_CACHED);
    }

    /** Grows a stack that is below capacity, or flushes a full cache down to half its capacity. */
    private void makeRoom() {
        int capacity = capacity();
        if (size < capacity) {
            ensureRoom(capacity);
            return;
        }
        count(Counters.RECYCLE_CACHE_FULL);
        int n = size - capacity / 2;
        flush(stack, n);
        dropColdest(n);
    }

    /** Flushes the pages {@code ids[0..n)} into the ring, returning what it cannot take to their slabs. */
    private void flush(int[] ids, int n) {
        int inRing = settings.isClosed() ? 0 : ring.produce(ids, 0, n);
        count(Counters.RECYCLE_RING, inRing);
        if (inRing < n) {
            count(Counters.RECYCLE_RING_FULL, n - inRing);
            slabs.returnPages(ids, inRing, n - inRing);
        }
    }

    /** Empties this cache into the ring and slabs. The caller owns it (or its owner ended). */
    void drain() {
        finishFragmentPage();
        int n = size;
        if (n > 0) {
            int inRing = settings.isClosed() ? 0 : ring.produce(stack, 0, n);
            count(Counters.RECYCLE_RING, inRing);
            slabs.returnPages(stack, inRing, n - inRing);
            dropColdest(n);
        }
    }

    /** Forgets the {@code n} coldest pages, {@code stack[0..n)}, moved elsewhere; shifts the rest down. */
    private void dropColdest(int n) {
        System.arraycopy(stack, n, stack, 0, size - n);
        size -= n;
    }

    /** Makes room for {@code pages} pages if the stack is smaller. Owner only. */
    private void ensureRoom(int pages) {
        int wanted = Math.min(Math.max(pages, size), settings.maxCacheCapacity);
        if (stack.length < wanted) {
            stack = Arrays.copyOf(stack, wanted);
        }
    }

    // ------------------------------------------------------------------ fragments

    /**
     * The offset of the next fragment of {@code bytes} (8-byte aligned) in the page being split,
     * or -1 when there is none or it has no room left. Owner only.
     */
    int fragmentRoom(int bytes) {
        int offset = (fragmentOffset + 7) & ~7;
        return fragmentPage == null || offset + bytes > settings.pageSize ? -1 : offset;
    }

    /** Starts splitting {@code page}, which this cache's owner holds. Owner only. */
    void startFragmentPage(Page page) {
        page.startFragments();
        fragmentPage = page;
        fragmentsHanded = 0;
        fragmentOffset = 0;
    }

    /** Hands out the fragment at {@code offset} of {@code bytes}. Owner only. */
    void handOutFragment(int offset, int bytes) {
        fragmentOffset = offset + bytes;
        fragmentsHanded++;
    }

    /** Drops the unused part of the fragment page's bias, recycling it if that was the last reference. */
    void finishFragmentPage() {
        Page page = fragmentPage;
        if (page != null) {
            fragmentPage = null;
            if (page.dropFragmentBias(Page.FRAGMENT_BIAS - fragmentsHanded)) {
                recycle(page.id());
            }
        }
    }

    // ------------------------------------------------------------------ counters and capacity

    /** The static switch first, so that {@code -Dpagepool.stats=false} folds every update away. */
    boolean counting() {
        return Counters.ENABLED && stats;
    }

    /** Adds one to {@code counter} when counting. Owner only. */
    void count(int counter) {
        if (counting()) {
            counters.inc(counter);
        }
    }

    /** Adds {@code n} to {@code counter} when counting. Owner only. */
    void count(int counter, long n) {
        if (counting() && n != 0) {
            counters.add(counter, n);
        }
    }

    /** Adds this cache's counters, hot fields included, into {@code sums}. Any thread. */
    void addCountersTo(long[] sums) {
        counters.addTo(sums);
        sums[Counters.ALLOC_FAST] += (long) FAST_ALLOCS.getOpaque(this);
        sums[Counters.RECYCLE_CACHED] += (long) CACHED_RELEASES.getOpaque(this);
    }

    /** One counter of this cache, hot fields included. Any thread. */
    long total(int counter) {
        long n = counters.get(counter);
        if (counter == Counters.ALLOC_FAST) {
            n += (long) FAST_ALLOCS.getOpaque(this);
        } else if (counter == Counters.RECYCLE_CACHED) {
            n += (long) CACHED_RELEASES.getOpaque(this);
        }
        return n;
    }

    int capacity() {
        return (int) CAPACITY.getOpaque(this);
    }

    /** Any thread; the owner applies it at its next push or refill. */
    void setCapacity(int capacity) {
        CAPACITY.setOpaque(this, capacity);
    }

    int sizeRacy() {
        return (int) SIZE.getOpaque(this);
    }

    boolean isStripe() {
        return owner == null;
    }

    /** True when this is a platform thread's cache whose thread has ended. */
    boolean ownerEnded() {
        return owner != null && !owner.isAlive();
    }

    boolean tryLock() {
        return LOCK.compareAndSet(this, 0, 1);
    }

    void unlock() {
        LOCK.setRelease(this, 0);
    }
}
