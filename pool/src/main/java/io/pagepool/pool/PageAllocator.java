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

import java.util.Objects;

/**
 * The alloc side's slow paths (the fast pop lives in {@link PagePool#alloc()}): a thread without
 * a slotted cache, an empty cache (refilled from the ring, else carved from slabs, else after
 * reclaiming ended threads' caches), bulk allocation, and waives, each counted and sampled like
 * the fast path.
 *
 * <p>Threading: any thread; every cache it touches is the caller's own (or a stripe it locked).
 */
final class PageAllocator {
    private final PoolSettings settings;
    private final CacheRegistry caches;
    private final PageTable pages;
    private final SlabAllocator slabs;
    private final PoolEvents events;

    PageAllocator(PoolSettings settings, CacheRegistry caches, SlabAllocator slabs, PoolEvents events) {
        this.settings = settings;
        this.caches = caches;
        this.pages = slabs.pageTable();
        this.slabs = slabs;
        this.events = events;
    }

    /** The request's zeroing: {@code requestedBytes} when the pool zeroes, else none. */
    private int zeroBytes(int requestedBytes) {
        return settings.zero ? requestedBytes : 0;
    }

    /** An allocation the fast path could not serve; null (counted as a waive) when none is possible. */
    Page takeSlowPath(int requestedBytes) {
        if (settings.isClosed()) {
            waiveClosed(requestedBytes);
            return null;
        }
        ThreadCache cache = caches.acquire();
        try {
            return popOrRefill(cache, requestedBytes, false);
        } finally {
            caches.release(cache);
        }
    }

    /**
     * Hands out a page from {@code cache}, refilling it when empty, and counts and samples the
     * path like the fast path does; null (counted as a waive) when the budget is spent. A
     * fragment page is not zeroed here (its fragments are) and reaches the sampler without the
     * page, which is no caller's lease. The caller owns {@code cache}.
     */
    Page popOrRefill(ThreadCache cache, int requestedBytes, boolean fragments) {
        AllocationPath path = AllocationPath.FAST;
        int id = cache.pop();
        if (id == ThreadCache.EMPTY) {
            path = refill(cache);
            if (path == AllocationPath.WAIVE) {
                waive(cache, WaiveReason.BUDGET, requestedBytes);
                return null;
            }
            id = cache.pop();
        }
        cache.count(path == AllocationPath.FAST ? Counters.ALLOC_FAST : Counters.HOLD_SLOW);
        Page page = pages.get(id).handOut(cache, fragments ? 0 : zeroBytes(requestedBytes));
        Page lease = fragments ? null : page;
        if (path != AllocationPath.FAST) {
            events.sample(path, lease, requestedBytes);
        } else if (cache.sampleDue()) {
            events.sampleFast(cache, lease, requestedBytes);
        }
        return page;
    }

    /** Refills an empty cache: a batch from the ring, else from slabs. Returns the path, WAIVE if none. */
    private AllocationPath refill(ThreadCache cache) {
        cache.count(Counters.UNDERFLOWS);
        int batch = Math.max(1, Math.min(settings.refillBatch(), cache.capacity()));
        if (cache.refillFromRing(batch) > 0) {
            cache.count(Counters.ALLOC_REFILL);
            return AllocationPath.REFILL;
        }
        cache.count(Counters.ALLOC_EMPTY);
        int got = cache.refillFromSlabs(batch);
        if (got > 0) {
            cache.count(Counters.ALLOC_SLOW);
        } else if (caches.reclaimEnded() > 0) {
            got = cache.refillFromRing(batch); // pages of ended threads
            if (got == 0) {
                got = cache.refillFromSlabs(batch);
            }
        }
        return got > 0 ? AllocationPath.SLOW : AllocationPath.WAIVE;
    }

    /** See {@link PagePool#allocBulk(Page[], int)}. */
    int allocBulk(Page[] out, int n) {
        Objects.checkFromIndexSize(0, n, out.length);
        int pageSize = settings.pageSize;
        if (settings.isClosed()) {
            waiveClosed((long) n * pageSize);
            return 0;
        }
        int zeroBytes = zeroBytes(pageSize);
        ThreadCache cache = caches.acquire();
        try {
            int got = 0;
            while (got < n) {
                int take = Math.min(cache.size, n - got);
                if (take > 0) {
                    for (int i = 0; i < take; i++) {
                        out[got + i] = pages.get(cache.pop()).handOut(cache, zeroBytes);
                    }
                    cache.count(Counters.ALLOC_FAST, take);
                    if (cache.sampleDue(take)) {
                        events.sampleFast(cache, out[got], pageSize);
                    }
                    got += take;
                } else {
                    AllocationPath path = refill(cache);
                    if (path == AllocationPath.WAIVE) {
                        waive(cache, WaiveReason.BUDGET, (long) (n - got) * pageSize);
                        break;
                    }
                    cache.count(Counters.HOLD_SLOW);
                    Page page = pages.get(cache.pop()).handOut(cache, zeroBytes);
                    events.sample(path, page, pageSize);
                    out[got++] = page;
                }
            }
            return got;
        } finally {
            caches.release(cache);
        }
    }

    /**
     * The exception for an allocation that got no page: the pool is closed, or the budget is
     * spent. For the caller to throw.
     */
    RuntimeException noPageException() {
        if (settings.isClosed()) {
            return new IllegalStateException("pool '" + settings.name + "' is closed");
        }
        return new PoolExhaustedException(settings.prefix() + "memory budget of " + settings.maxMemoryBytes
                + " bytes is spent (" + slabs.bytesMapped() + " bytes mapped, no free page)");
    }

    /** {@code page}, handed out; when null (no page), throws {@link #noPageException()}. */
    Page orThrow(Page page) {
        if (page == null) {
            throw noPageException();
        }
        return page;
    }

    /** See {@link PagePool#countWaive(WaiveReason, long)}. */
    void countWaive(WaiveReason reason, long requestedBytes) {
        if (settings.isClosed()) {
            waiveClosed(requestedBytes);
            return;
        }
        ThreadCache cache = caches.acquire();
        try {
            waive(cache, reason, requestedBytes);
        } finally {
            caches.release(cache);
        }
    }

    /**
     * A call on a closed pool: returns the caller's parked pages, forgets its thread-local entry
     * (so a long-lived thread does not keep the closed pool reachable) and counts the waive.
     */
    void waiveClosed(long requestedBytes) {
        events.sample(AllocationPath.WAIVE, null, requestedBytes);
        caches.drainOwn();
        caches.forgetLocal();
        if (settings.counting()) {
            slabs.countLocked(Counters.ALLOC_WAIVE, Counters.WAIVE_CLOSED);
        }
        events.notify((l, p) -> l.waived(p, WaiveReason.CLOSED, requestedBytes));
    }

    private void waive(ThreadCache cache, WaiveReason reason, long requestedBytes) {
        events.sample(AllocationPath.WAIVE, null, requestedBytes);
        cache.count(Counters.ALLOC_WAIVE);
        cache.count(switch (reason) {
            case BUDGET -> Counters.WAIVE_BUDGET;
            case SIZE -> Counters.WAIVE_SIZE;
            case CLOSED -> Counters.WAIVE_CLOSED;
        });
        events.notify((l, p) -> l.waived(p, reason, requestedBytes));
    }
}
