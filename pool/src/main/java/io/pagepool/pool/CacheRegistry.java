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
import java.util.Arrays;
import java.util.List;

/**
 * Finds the calling thread's cache and keeps the list of caches: one per platform thread
 * (created on first use), and a small set of stripes shared by virtual threads under a
 * try-lock, so that ten thousand virtual threads do not get ten thousand caches.
 *
 * <p>Caches of platform threads that have ended are reclaimed by {@link #reclaimEnded()}: their
 * pages are drained into the ring or returned to their slabs and their counters are folded into {@code retired},
 * so totals never go backwards. It runs when a thread registers, when the budget is spent, from
 * the tuner and from a closing pool.
 *
 * <p>Finding the calling thread's cache: a direct-mapped array indexed by thread id answers in two
 * loads and a compare, where a {@link ThreadLocal} takes a chain of five dependent loads; the
 * fast paths use only the array. A thread whose slot another live thread holds (ids equal modulo
 * {@value #ID_SLOTS}) finds its cache through the ThreadLocal, on the slow path, until that
 * other thread ends and it takes the slot over.
 *
 * <p>Threading: the list is copy-on-write under this object's monitor; {@link #slotted} is
 * lock-free, and {@link #local()} too except when it registers a thread or claims a slot. The
 * id slots are written under the monitor and read racily: a reader only trusts a slot whose
 * cache's final {@code owner} is the reader itself. Lock order: this monitor, then the slab lock.
 */
final class CacheRegistry {
    static final int ID_SLOTS = 256;

    private final PoolSettings settings;
    private final RecycleRing ring;
    private final SlabAllocator slabs;
    private final PoolEvents events;
    private final ThreadLocal<ThreadCache> local = ThreadLocal.withInitial(this::register);
    /** Platform threads' caches by {@code threadId() & (ID_SLOTS - 1)}; null or another thread's when taken. */
    private final ThreadCache[] byThreadId = new ThreadCache[ID_SLOTS];
    private final ThreadCache[] stripes;
    private final int stripeMask;
    /** Counters of reclaimed caches; written under this monitor. */
    private final Counters retired = new Counters();
    private volatile ThreadCache[] caches = new ThreadCache[0];
    private long nextId;

    CacheRegistry(PoolSettings settings, RecycleRing ring, SlabAllocator slabs, PoolEvents events,
                  int stripeCount) {
        this.settings = settings;
        this.ring = ring;
        this.slabs = slabs;
        this.events = events;
        this.stripes = new ThreadCache[stripeCount];
        this.stripeMask = stripeCount - 1;
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = newCache(null, "virtual-stripe-" + i);
        }
    }

    private ThreadCache newCache(Thread owner, String ownerName) {
        return new ThreadCache(nextId++, owner, ownerName, events.sampleInterval(), settings, ring, slabs);
    }

    /** The calling platform thread's cache, registered on first use. Not for virtual threads. */
    ThreadCache local() {
        Thread thread = Thread.currentThread();
        ThreadCache cache = slotted(thread);
        if (cache == null) {
            cache = local.get();
            claimSlot(thread, cache);
        }
        return cache;
    }

    /**
     * Gives {@code cache}'s thread (the caller) its id slot when nobody or a thread that has ended
     * holds it, so that a thread that registered while its slot was taken leaves the slow path.
     */
    private void claimSlot(Thread thread, ThreadCache cache) {
        int slot = slotOf(thread);
        ThreadCache holder = byThreadId[slot];
        if (holder == null || holder.ownerEnded()) {
            synchronized (this) {
                if (byThreadId[slot] == holder) {
                    byThreadId[slot] = cache;
                }
            }
        }
    }

    private static int slotOf(Thread thread) {
        return (int) thread.threadId() & (ID_SLOTS - 1);
    }

    /**
     * The cache of {@code thread}, the calling thread, when it holds its id slot; null for a
     * virtual thread, a thread not registered yet, or one whose slot another thread holds (the
     * caller then takes its slow path through {@link #acquire()}).
     */
    ThreadCache slotted(Thread thread) {
        ThreadCache cache = byThreadId[slotOf(thread)];
        return cache != null && cache.owner == thread ? cache : null;
    }

    /**
     * The calling thread's cache: its own for a platform thread, else a stripe locked for it.
     * Pair with {@link #release(ThreadCache)}.
     */
    ThreadCache acquire() {
        Thread thread = Thread.currentThread();
        return thread.isVirtual() ? lockStripe(thread) : local();
    }

    void release(ThreadCache cache) {
        if (cache.isStripe()) {
            cache.unlock();
        }
    }

    private ThreadCache lockStripe(Thread thread) {
        int start = (int) thread.threadId();
        for (int round = 0; ; round++) {
            for (int i = 0; i <= stripeMask; i++) {
                ThreadCache stripe = stripes[(start + i) & stripeMask];
                if (stripe.tryLock()) {
                    return stripe;
                }
            }
            if (round < 4) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // every stripe is held by a thread in a short critical section
            }
        }
    }

    private ThreadCache register() {
        Thread thread = Thread.currentThread();
        synchronized (this) {
            reclaimEndedLocked();
            ThreadCache cache = newCache(thread, thread.getName());
            ThreadCache[] grown = Arrays.copyOf(caches, caches.length + 1);
            grown[caches.length] = cache;
            caches = grown;
            int slot = slotOf(thread);
            if (byThreadId[slot] == null) {
                byThreadId[slot] = cache;
            }
            return cache;
        }
    }

    /** Drains and forgets the caches of ended threads; returns how many. */
    int reclaimEnded() {
        synchronized (this) {
            return reclaimEndedLocked();
        }
    }

    private int reclaimEndedLocked() {
        ThreadCache[] all = caches;
        List<ThreadCache> kept = new ArrayList<>(all.length);
        long[] sums = new long[Counters.COUNT];
        for (ThreadCache cache : all) {
            if (cache.ownerEnded()) {
                cache.drain(); // the owner has ended: its actions happen-before isAlive() == false
                cache.addCountersTo(sums);
                forgetSlot(cache);
            } else {
                kept.add(cache);
            }
        }
        int reclaimed = all.length - kept.size();
        if (reclaimed > 0) {
            retired.absorb(sums);
            caches = kept.toArray(new ThreadCache[0]);
        }
        return reclaimed;
    }

    /** Drains every stripe, taking each one's lock. */
    void drainStripes() {
        for (ThreadCache stripe : stripes) {
            while (!stripe.tryLock()) {
                Thread.onSpinWait();
            }
            try {
                stripe.drain();
            } finally {
                stripe.unlock();
            }
        }
    }

    /** Drains the calling platform thread's cache if it has one, without creating one. */
    void drainOwn() {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            return;
        }
        for (ThreadCache cache : caches) {
            if (cache.owner == thread) {
                cache.drain();
            }
        }
    }

    /** Sets every cache's capacity (and stripes'). */
    void setAllCapacities(int capacity) {
        for (ThreadCache cache : caches) {
            cache.setCapacity(capacity);
        }
        for (ThreadCache stripe : stripes) {
            stripe.setCapacity(capacity);
        }
    }

    /** Sets one cache's capacity; false when no cache has that id. */
    boolean setCapacity(long cacheId, int capacity) {
        for (ThreadCache cache : caches) {
            if (cache.id == cacheId) {
                cache.setCapacity(capacity);
                return true;
            }
        }
        for (ThreadCache stripe : stripes) {
            if (stripe.id == cacheId) {
                stripe.setCapacity(capacity);
                return true;
            }
        }
        return false;
    }

    /** Adds every counter (live caches, stripes, retired) into {@code sums}. */
    synchronized void sumCounters(long[] sums) {
        retired.addTo(sums);
        for (ThreadCache cache : caches) {
            cache.addCountersTo(sums);
        }
        for (ThreadCache stripe : stripes) {
            stripe.addCountersTo(sums);
        }
    }

    /** Snapshots of every live cache and stripe. */
    List<CacheStats> cacheStats() {
        ThreadCache[] all = caches;
        List<CacheStats> out = new ArrayList<>(all.length + stripes.length);
        for (ThreadCache cache : all) {
            out.add(stats(cache));
        }
        for (ThreadCache stripe : stripes) {
            out.add(stats(stripe));
        }
        return out;
    }

    private static CacheStats stats(ThreadCache c) {
        return new CacheStats(c.id, c.ownerName, c.owner == null ? -1 : c.owner.threadId(), c.isStripe(),
                c.capacity(), c.sizeRacy(), c.total(Counters.ALLOC_FAST), c.total(Counters.UNDERFLOWS),
                c.total(Counters.RECYCLE_CACHE_FULL), c.total(Counters.RECYCLE_CACHED));
    }

    /** Pages parked in caches now (racy), with the number of caches and their total capacity. */
    record Occupancy(long cachedPages, long capacityTotal, int caches) {
    }

    Occupancy occupancy() {
        long pages = 0;
        long capacity = 0;
        List<ThreadCache> all = all();
        for (ThreadCache cache : all) {
            pages += cache.sizeRacy();
            capacity += cache.capacity();
        }
        return new Occupancy(pages, capacity, all.size());
    }

    /** Every live cache and stripe, for audits of a quiescent pool. */
    List<ThreadCache> all() {
        List<ThreadCache> out = new ArrayList<>(Arrays.asList(caches));
        out.addAll(Arrays.asList(stripes));
        return out;
    }

    /** Forgets the calling thread's registration: its thread-local entry and its id slot. */
    void forgetLocal() {
        local.remove();
        Thread thread = Thread.currentThread();
        synchronized (this) {
            for (ThreadCache cache : caches) {
                if (cache.owner == thread) {
                    forgetSlot(cache);
                }
            }
        }
    }

    /** Frees the id slot that {@code cache} holds, if it holds one. Under this monitor. */
    private void forgetSlot(ThreadCache cache) {
        int slot = slotOf(cache.owner);
        if (byThreadId[slot] == cache) {
            byThreadId[slot] = null;
        }
    }
}
