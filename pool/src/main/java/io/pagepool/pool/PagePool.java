package io.pagepool.pool;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A pool of fixed-size off-heap pages for packet processing: the Linux kernel's {@code page_pool}
 * on the JVM.
 *
 * <pre>{@code
 * try (PagePool pool = PagePool.builder().pageSize(2048).build()) {
 *     Page page = pool.alloc();            // pop from this thread's cache
 *     page.buffer().put(packet);
 *     channel.send(page.buffer().flip(), peer);
 *     page.release();                      // push back: no atomic, no allocation
 * }
 * }</pre>
 *
 * <p>Paths, fastest first: each platform thread pops and pushes pages on a private LIFO cache
 * (no atomic, no allocation); an empty cache refills a batch from the shared recycle ring, or,
 * when that is empty, carves a batch from slabs under a lock, mapping a new slab if the budget
 * allows; a full cache flushes its colder half into the ring, and pages the ring cannot take go
 * back to their slab. Pages released on another thread enter that thread's cache, so a
 * cross-thread return costs one atomic step per batch. Virtual threads share a few striped caches.
 *
 * <p>Threading: every method may be called from any thread. The run-time setters are safe while
 * other threads allocate; a cache applies a new capacity at its owner's next push or refill.
 *
 * <p>Memory: pages stay mapped while they recycle. A slab is returned to the OS only when all its
 * pages are free (beyond {@link #slabReserve()} free slabs) or at {@link #close()}; never while a
 * page of it is held.
 */
public final class PagePool implements AutoCloseable {
    /** Fast-path allocations between two checks for a sampler when none is installed. */
    static final int SAMPLER_CHECK_INTERVAL = 1 << 16;

    private final String name;
    private final int pageSize;
    private final long maxMemoryBytes;
    private final Mapping mapping;
    private final boolean stats;
    private final boolean zero;
    private final int maxCacheCapacity;
    private final PoolListener listener;
    private final Consumer<String> warnings;
    private final RecycleRing ring;
    private final SlabAllocator slabs;
    private final PageDirectory directory;
    private final PageTable pages;
    private final CacheRegistry caches;
    private final CloseMonitor closeMonitor;

    private volatile int cacheCapacity;
    private volatile int refillBatch;
    private volatile boolean closed;
    private volatile AllocationSampler sampler;
    private volatile int sampleInterval = SAMPLER_CHECK_INTERVAL;
    private boolean samplerFailed;

    PagePool(PagePoolBuilder b) {
        this.name = b.name;
        this.pageSize = b.pageSize;
        this.maxMemoryBytes = b.maxMemoryBytes;
        this.mapping = b.mapping;
        this.stats = b.stats;
        this.zero = b.zero;
        this.maxCacheCapacity = b.maxCacheCapacity;
        this.listener = b.listener;
        this.warnings = b.warnings;
        this.cacheCapacity = b.cacheCapacity;
        this.refillBatch = b.refillBatch;
        this.ring = new RecycleRing(b.maxRingCapacity, b.ringCapacity);
        SlabMapper mapper = new SlabMapper(b.mapping, b.preferMmap && NativeMemory.isAvailable(), b.slabBytes,
                b.pageSize);
        this.slabs = new SlabAllocator(this, mapper, b.slabBytes, b.pageSize, b.maxMemoryBytes, b.slabReserve,
                b.listener, b.warnings);
        this.directory = slabs.directory();
        this.pages = slabs.pageTable();
        this.caches = new CacheRegistry(this, b.virtualStripes, b.cacheCapacity, b.maxCacheCapacity);
        this.closeMonitor = new CloseMonitor(this);
    }

    /** A builder with the kernel's defaults: 4 KiB pages, cache 128, refill 64, ring 1024. */
    public static PagePoolBuilder builder() {
        return new PagePoolBuilder();
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Hands out a page (reference count 1, view reset).
     *
     * @throws PoolExhaustedException when the memory budget is spent
     * @throws IllegalStateException when the pool is closed
     */
    public Page alloc() {
        Page page = take(pageSize);
        return page != null ? page : failAlloc();
    }

    /** Like {@link #alloc()}, but returns null when the budget is spent or the pool is closed. */
    public Page tryAlloc() {
        return take(pageSize);
    }

    /**
     * Like {@link #tryAlloc()} for a request of {@code bytes}: a zeroing pool zeroes only those.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 0..pageSize
     */
    public Page tryAlloc(int bytes) {
        return tryTake(bytes);
    }

    /**
     * Hands out a page's own view with limit {@code bytes} (zeroed up to {@code bytes} when the
     * pool zeroes); release it with {@link #release(ByteBuffer)}. No allocation.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 0..pageSize
     * @throws PoolExhaustedException when the memory budget is spent
     */
    public ByteBuffer allocBuffer(int bytes) {
        Page page = tryTake(bytes);
        return page != null ? page.buffer().limit(bytes) : failAlloc().buffer();
    }

    /** Like {@link #allocBuffer(int)}, but returns null when the budget is spent or the pool is closed. */
    public ByteBuffer tryAllocBuffer(int bytes) {
        Page page = tryTake(bytes);
        return page != null ? page.buffer().limit(bytes) : null;
    }

    private Page tryTake(int bytes) {
        if (bytes < 0 || bytes > pageSize) {
            throw new IllegalArgumentException("pool '" + name + "': " + bytes + " bytes requested; allowed 0 to "
                    + pageSize + " (the page size)");
        }
        return take(bytes);
    }

    /**
     * The fast path: pop from the calling platform thread's cache, found by its id slot; one exit
     * to the slow path (virtual threads, a thread without a slot, an empty cache, a closed pool).
     */
    private Page take(int zeroBytes) {
        ThreadCache cache;
        if (!closed && (cache = caches.slotted(Thread.currentThread())) != null) {
            int id = cache.pop();
            if (id != ThreadCache.EMPTY) {
                Page page = pages.get(id);
                if (counting()) {
                    cache.fastAllocs++;
                }
                handOut(cache, page, zeroBytes);
                if (--cache.sampleCountdown <= 0) {
                    sampleFast(cache, page, zeroBytes);
                }
                return page;
            }
        }
        return takeSlowPath(zeroBytes);
    }

    /** Every {@code sampleInterval}-th fast-path allocation of a cache lands here. */
    private void sampleFast(ThreadCache cache, Page page, long requestedBytes) {
        cache.sampleCountdown = sampleInterval;
        sample(AllocationPath.FAST, page, requestedBytes);
    }

    private void sample(AllocationPath path, Page page, long requestedBytes) {
        AllocationSampler s = sampler;
        if (s != null) {
            try {
                s.sampled(this, path, page, requestedBytes);
            } catch (RuntimeException e) {
                if (!samplerFailed) {
                    samplerFailed = true;
                    warnings.accept("pool '" + name + "': allocation sampler failed: " + e);
                }
            }
        }
    }

    /**
     * Installs (or, with null, removes) the allocation sampler: it sees every
     * {@code fastPathInterval}-th fast-path allocation of each cache and every slower one.
     */
    public void setAllocationSampler(AllocationSampler sampler, int fastPathInterval) {
        PagePoolBuilder.requireRange("fastPathInterval", fastPathInterval, 1, SAMPLER_CHECK_INTERVAL);
        this.sampleInterval = sampler == null ? SAMPLER_CHECK_INTERVAL : fastPathInterval;
        this.sampler = sampler;
    }

    private Page takeSlowPath(int zeroBytes) {
        if (closed) {
            waiveClosed(zeroBytes);
            return null;
        }
        ThreadCache cache = caches.acquire();
        try {
            return popOrRefill(cache, zeroBytes, false);
        } finally {
            caches.release(cache);
        }
    }

    private Page handOut(ThreadCache cache, Page page, int zeroBytes) {
        page.handOut(cache);
        if (zero && zeroBytes > 0) {
            MemorySegment.copy(Zeros.SEGMENT, 0, page.segment(), 0, zeroBytes);
        }
        return page;
    }

    /**
     * Hands out a page from {@code cache}, refilling it when empty, and counts and samples the
     * path like the fast path does; null (counted as a waive) when the budget is spent. A
     * fragment page is not zeroed here (its fragments are) and reaches the sampler without the
     * page, which is no caller's lease. The caller owns {@code cache}.
     */
    private Page popOrRefill(ThreadCache cache, int requestedBytes, boolean fragments) {
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
        count(cache, path == AllocationPath.FAST ? Counters.ALLOC_FAST : Counters.HOLD_SLOW);
        Page page = handOut(cache, pages.get(id), fragments ? 0 : requestedBytes);
        Page lease = fragments ? null : page;
        if (path != AllocationPath.FAST) {
            sample(path, lease, requestedBytes);
        } else if (--cache.sampleCountdown <= 0) {
            sampleFast(cache, lease, requestedBytes);
        }
        return page;
    }

    /** Refills an empty cache: a batch from the ring, else from slabs. Returns the path, WAIVE if none. */
    private AllocationPath refill(ThreadCache cache) {
        count(cache, Counters.UNDERFLOWS);
        int batch = Math.max(1, Math.min(refillBatch, cache.capacity()));
        cache.ensureRoom(cache.size + batch);
        int got = ring.consume(cache.stack, cache.size, batch);
        AllocationPath path = AllocationPath.REFILL;
        if (got > 0) {
            count(cache, Counters.ALLOC_REFILL);
        } else {
            path = AllocationPath.SLOW;
            count(cache, Counters.ALLOC_EMPTY);
            got = slabs.carve(cache.stack, cache.size, batch, cache.counters, counting());
            if (got > 0) {
                count(cache, Counters.ALLOC_SLOW);
            } else if (caches.reclaimEnded() > 0) {
                got = ring.consume(cache.stack, cache.size, batch); // pages of ended threads
                if (got == 0) {
                    got = slabs.carve(cache.stack, cache.size, batch, cache.counters, counting());
                }
            }
        }
        cache.size += got;
        return got > 0 ? path : AllocationPath.WAIVE;
    }

    private Page failAlloc() {
        if (closed) {
            throw new IllegalStateException("pool '" + name + "' is closed");
        }
        throw new PoolExhaustedException("pool '" + name + "': memory budget of " + maxMemoryBytes
                + " bytes is spent (" + slabs.bytesMapped() + " bytes mapped, no free page)");
    }

    /**
     * Splits pages into fragments of {@code bytes} (8-byte aligned) and returns a view of exactly
     * that size; a request larger than half a page takes a whole page. Each fragment holds one
     * reference on its page: release it with {@link #release(ByteBuffer)}. The returned view is a
     * new object (a slice).
     *
     * @throws IllegalArgumentException when {@code bytes} is not 1..pageSize
     * @throws PoolExhaustedException when the memory budget is spent
     */
    public ByteBuffer allocFragment(int bytes) {
        if (bytes < 1 || bytes > pageSize) {
            throw new IllegalArgumentException("pool '" + name + "': fragment of " + bytes
                    + " bytes requested; allowed 1 to " + pageSize);
        }
        if (bytes > pageSize / 2) {
            return alloc().buffer().slice(0, bytes);
        }
        if (closed) {
            waiveClosed(bytes);
            return failAlloc().buffer();
        }
        ThreadCache cache = caches.acquire();
        try {
            int offset = (cache.fragmentOffset + 7) & ~7;
            Page page = cache.fragmentPage;
            if (page == null || offset + bytes > pageSize) {
                finishFragmentPage(cache);
                page = popOrRefill(cache, bytes, true); // zeroed fragment by fragment below
                if (page == null) {
                    return failAlloc().buffer();
                }
                page.startFragments();
                cache.fragmentPage = page;
                cache.fragmentsHanded = 0;
                offset = 0;
            }
            cache.fragmentOffset = offset + bytes;
            cache.fragmentsHanded++;
            if (zero) {
                MemorySegment.copy(Zeros.SEGMENT, 0, page.segment(), offset, bytes);
            }
            return page.buffer().slice(offset, bytes);
        } finally {
            caches.release(cache);
        }
    }

    /** Drops the unused part of the fragment bias of the cache's fragment page. Owner of cache. */
    private void finishFragmentPage(ThreadCache cache) {
        Page page = cache.fragmentPage;
        if (page != null) {
            cache.fragmentPage = null;
            if (page.dropFragmentBias(Page.FRAGMENT_BIAS - cache.fragmentsHanded)) {
                recycleInto(cache, page);
            }
        }
    }

    /**
     * Hands out up to {@code n} pages into {@code out[0..n)}, for driver-style callers (RX ring
     * refill). Returns how many; fewer than {@code n} only when the budget is spent or the pool is
     * closed.
     */
    public int allocBulk(Page[] out, int n) {
        Objects.checkFromIndexSize(0, n, out.length);
        if (closed) {
            waiveClosed((long) n * pageSize);
            return 0;
        }
        ThreadCache cache = caches.acquire();
        try {
            int got = 0;
            while (got < n) {
                int take = Math.min(cache.size, n - got);
                if (take > 0) {
                    for (int i = 0; i < take; i++) {
                        out[got + i] = handOut(cache, pages.get(cache.pop()), pageSize);
                    }
                    count(cache, Counters.ALLOC_FAST, take);
                    cache.sampleCountdown -= take;
                    if (cache.sampleCountdown <= 0) {
                        sampleFast(cache, out[got], pageSize);
                    }
                    got += take;
                } else {
                    AllocationPath path = refill(cache);
                    if (path == AllocationPath.WAIVE) {
                        waive(cache, WaiveReason.BUDGET, (long) (n - got) * pageSize);
                        break;
                    }
                    count(cache, Counters.HOLD_SLOW);
                    Page page = handOut(cache, pages.get(cache.pop()), pageSize);
                    sample(path, page, pageSize);
                    out[got++] = page;
                }
            }
            return got;
        } finally {
            caches.release(cache);
        }
    }

    // ------------------------------------------------------------------ release

    /**
     * Drops one reference of the page holding {@code buffer} (a page's view, a slice of it, or a
     * fragment); the last one recycles the page.
     *
     * @throws IllegalArgumentException for a heap buffer or a direct buffer that is not this pool's
     * @throws IllegalStateException on a double release
     */
    public void release(ByteBuffer buffer) {
        pageOf(buffer).release();
    }

    /** Releases {@code in[0..n)}; every valid page is released even if one fails, then the first failure is thrown. */
    public void releaseBulk(Page[] in, int n) {
        Objects.checkFromIndexSize(0, n, in.length);
        RuntimeException first = null;
        for (int i = 0; i < n; i++) {
            try {
                in[i].release();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The page holding {@code buffer}: a page's own view through the page directory (one load and
     * an identity check), any other view (a slice, a fragment) from its address through the slab
     * table.
     *
     * @throws IllegalArgumentException for a heap buffer or memory that is not this pool's
     */
    public Page pageOf(ByteBuffer buffer) {
        Page page = findPage(buffer);
        if (page == null) {
            throw notAPage(buffer);
        }
        return page;
    }

    /**
     * Like {@link #pageOf(ByteBuffer)}, but returns null instead of throwing for a heap buffer, an
     * empty one, or memory that is not this pool's. No allocation.
     */
    public Page findPage(ByteBuffer buffer) {
        Page page = directory.find(buffer); // a page's own view: the common case
        return page != null ? page : findByAddress(buffer);
    }

    private Page findByAddress(ByteBuffer buffer) {
        if (!buffer.isDirect() || buffer.capacity() == 0) {
            return null; // an empty view at a page's end has the next page's address: it names no page
        }
        long address = MemorySegment.ofBuffer(buffer).address() - buffer.position();
        Slab slab = slabs.find(address);
        return slab == null ? null : slab.pageAt(address);
    }

    private IllegalArgumentException notAPage(ByteBuffer buffer) {
        String what = !buffer.isDirect() ? "a heap ByteBuffer (capacity " + buffer.capacity() + ") is not a page of this pool"
                : buffer.capacity() == 0 ? "an empty ByteBuffer (capacity 0) names no page"
                : "the direct ByteBuffer at 0x" + Long.toHexString(MemorySegment.ofBuffer(buffer).address()
                        - buffer.position()) + " (capacity " + buffer.capacity() + ") is not a page of this pool";
        return new IllegalArgumentException("pool '" + name + "': " + what);
    }

    /**
     * Called by {@link Page} when its last reference is dropped: push on this thread's cache,
     * read from the page when this thread is the one the page was handed to, else found by the
     * thread's id slot; anything else takes the slow path.
     */
    void recycle(Page page) {
        Thread thread = Thread.currentThread();
        if (!closed) {
            ThreadCache cache = page.holderThread == thread ? page.holderCache : caches.slotted(thread);
            if (cache != null && cache.push(page.id())) {
                if (counting()) {
                    cache.cachedReleases++;
                }
                return;
            }
        }
        recycleSlowPath(page);
    }

    private void recycleSlowPath(Page page) {
        if (closed) {
            slabs.giveBackReleased(page, counting());
            caches.drainOwn();
            caches.forgetLocal();
            return;
        }
        ThreadCache cache = caches.acquire();
        try {
            recycleInto(cache, page);
        } finally {
            caches.release(cache);
        }
    }

    /** Pushes a free page on {@code cache}, flushing it first when full. The caller owns cache. */
    private void recycleInto(ThreadCache cache, Page page) {
        if (!cache.push(page.id())) {
            makeRoom(cache);
            if (!cache.push(page.id())) { // capacity 0: the tuner drained this cache
                count(cache, Counters.RELEASE_SLOW);
                spill(cache, new int[] {page.id()}, 1);
                return;
            }
        }
        count(cache, Counters.RECYCLE_CACHED);
    }

    /** Grows a stack that is below capacity, or flushes a full cache down to half its capacity. */
    private void makeRoom(ThreadCache cache) {
        int capacity = cache.capacity();
        if (cache.size < capacity) {
            cache.ensureRoom(capacity);
            return;
        }
        count(cache, Counters.RECYCLE_CACHE_FULL);
        int n = cache.size - capacity / 2;
        spill(cache, cache.stack, n);
        cache.dropColdest(n);
    }

    /** Moves the pages {@code ids[0..n)} into the ring, and what it cannot take into their slabs. */
    private void spill(ThreadCache cache, int[] ids, int n) {
        int inRing = closed ? 0 : ring.produce(ids, 0, n);
        count(cache, Counters.RECYCLE_RING, inRing);
        if (inRing < n) {
            count(cache, Counters.RECYCLE_RING_FULL, n - inRing);
            slabs.giveBack(ids, inRing, n - inRing);
        }
    }

    /** Empties {@code cache} into the ring and slabs. The caller owns it (or its owner ended). */
    void drain(ThreadCache cache) {
        finishFragmentPage(cache);
        int n = cache.size;
        if (n > 0) {
            int inRing = closed ? 0 : ring.produce(cache.stack, 0, n);
            count(cache, Counters.RECYCLE_RING, inRing);
            slabs.giveBack(cache.stack, inRing, n - inRing);
            cache.dropColdest(n);
        }
    }

    void countReleasedRefcnt() {
        if (counting()) {
            ThreadCache cache = caches.acquire();
            try {
                cache.counters.inc(Counters.RECYCLE_RELEASED_REFCNT);
            } finally {
                caches.release(cache);
            }
        }
    }

    /**
     * A call on a closed pool: returns the caller's parked pages, forgets its thread-local entry
     * (so a long-lived thread does not keep the closed pool reachable) and counts the waive.
     */
    private void waiveClosed(long requestedBytes) {
        sample(AllocationPath.WAIVE, null, requestedBytes);
        caches.drainOwn();
        caches.forgetLocal();
        if (counting()) {
            slabs.countLocked(Counters.ALLOC_WAIVE, Counters.WAIVE_CLOSED);
        }
        notifyWaived(WaiveReason.CLOSED, requestedBytes);
    }

    private void waive(ThreadCache cache, WaiveReason reason, long requestedBytes) {
        sample(AllocationPath.WAIVE, null, requestedBytes);
        count(cache, Counters.ALLOC_WAIVE);
        count(cache, switch (reason) {
            case BUDGET -> Counters.WAIVE_BUDGET;
            case SIZE -> Counters.WAIVE_SIZE;
            case CLOSED -> Counters.WAIVE_CLOSED;
        });
        notifyWaived(reason, requestedBytes);
    }

    private void notifyWaived(WaiveReason reason, long requestedBytes) {
        try {
            listener.waived(this, reason, requestedBytes);
        } catch (RuntimeException e) {
            warnings.accept("pool '" + name + "': listener failed: " + e);
        }
    }

    /**
     * Counts an allocation that the caller served elsewhere (the agent's JDK fallback for a request
     * larger than a page, say), so that waives show in the statistics and JFR.
     */
    public void countWaive(WaiveReason reason, long requestedBytes) {
        if (closed) {
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

    private void count(ThreadCache cache, int counter) {
        if (counting()) {
            cache.counters.inc(counter);
        }
    }

    private void count(ThreadCache cache, int counter, long n) {
        if (counting() && n != 0) {
            cache.counters.add(counter, n);
        }
    }

    // ------------------------------------------------------------------ knobs (the tuner moves these)

    /** Sets every cache's capacity and the capacity of caches created later: 1..maxCacheCapacity. */
    public void setCacheCapacity(int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 1, maxCacheCapacity);
        cacheCapacity = pages;
        caches.setAllCapacities(pages);
    }

    /**
     * Sets one cache's capacity (0 drains it at its owner's next release); false when no live
     * cache has that id.
     */
    public boolean setCacheCapacity(long cacheId, int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 0, maxCacheCapacity);
        return caches.setCapacity(cacheId, pages);
    }

    /**
     * Sets the capacity of caches created from now on, leaving live caches as they are
     * (the tuner sizes those one by one): 1..maxCacheCapacity.
     */
    public void setNewCacheCapacity(int pages) {
        PagePoolBuilder.requireRange("cacheCapacity", pages, 1, maxCacheCapacity);
        cacheCapacity = pages;
    }

    /**
     * Moves up to {@code maxPages} free pages from the recycle ring back to their slabs, so that
     * slabs holding only idle ring stock become free and can be returned to the OS (beyond
     * {@link #slabReserve()}). Any thread; takes the slab lock once per 64 pages, never a cache.
     * Returns how many pages moved.
     */
    public int returnRingPages(int maxPages) {
        PagePoolBuilder.requireRange("maxPages", maxPages, 0, Integer.MAX_VALUE);
        int[] batch = new int[Math.min(64, Math.max(1, maxPages))];
        int moved = 0;
        int n;
        while (moved < maxPages && (n = ring.consume(batch, 0, Math.min(batch.length, maxPages - moved))) > 0) {
            slabs.giveBack(batch, 0, n);
            moved += n;
        }
        return moved;
    }

    /** Pages an empty cache takes in one refill: 1..maxCacheCapacity. */
    public void setRefillBatch(int pages) {
        PagePoolBuilder.requireRange("refillBatch", pages, 1, maxCacheCapacity);
        refillBatch = pages;
    }

    /** The ring's capacity: 1..maxRingCapacity. Lowering it never drops pages. */
    public void setRingCapacity(int pages) {
        PagePoolBuilder.requireRange("ringCapacity", pages, 1, ring.physicalSlots());
        ring.setCapacity(pages);
    }

    /** Free slabs kept mapped; lowering it returns the extra free slabs to the OS now. */
    public void setSlabReserve(int slabCount) {
        PagePoolBuilder.requireRange("slabReserve", slabCount, 0, 1 << 20);
        slabs.setSlabReserve(slabCount);
    }

    /** Returns free slabs beyond {@code keepFreeSlabs} to the OS; returns how many went. */
    public int trim(int keepFreeSlabs) {
        PagePoolBuilder.requireRange("keepFreeSlabs", keepFreeSlabs, 0, 1 << 20);
        return slabs.trim(keepFreeSlabs);
    }

    /** Drains the caches of threads that have ended; returns how many were reclaimed. */
    public int reclaimEndedThreadCaches() {
        return caches.reclaimEnded();
    }

    // ------------------------------------------------------------------ reading

    public String name() {
        return name;
    }

    public int pageSize() {
        return pageSize;
    }

    public Mapping mapping() {
        return mapping;
    }

    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /** Capacity of new caches. */
    public int cacheCapacity() {
        return cacheCapacity;
    }

    public int maxCacheCapacity() {
        return maxCacheCapacity;
    }

    public int refillBatch() {
        return refillBatch;
    }

    public int ringCapacity() {
        return ring.capacity();
    }

    public int maxRingCapacity() {
        return ring.physicalSlots();
    }

    /** Fast-path allocations between two samples (or sampler checks, when none is installed). */
    int sampleInterval() {
        return sampleInterval;
    }

    public int slabReserve() {
        return slabs.slabReserve();
    }

    /** True when this pool keeps counters (its {@code stats} option, unless {@code -Dpagepool.stats=false}). */
    public boolean statsEnabled() {
        return counting();
    }

    /** The static switch first, so that {@code -Dpagepool.stats=false} folds every update away. */
    private boolean counting() {
        return Counters.ENABLED && stats;
    }

    public boolean zeroes() {
        return zero;
    }

    /** True when slabs come from {@code mmap} (native access enabled), false when from a JDK arena. */
    public boolean usesMmap() {
        return slabs.usesMmap();
    }

    /** A snapshot of every counter and gauge. Any thread; about one pass over the caches. */
    public PoolStats stats() {
        long[] s = new long[Counters.COUNT];
        caches.sumCounters(s);
        slabs.lockedCounters.addTo(s);
        long hold = s[Counters.ALLOC_FAST] + s[Counters.HOLD_SLOW];
        long release = s[Counters.RECYCLE_CACHED] + s[Counters.RELEASE_SLOW];
        CacheRegistry.Occupancy o = caches.occupancy();
        return new PoolStats(s[Counters.ALLOC_FAST], s[Counters.ALLOC_SLOW], s[Counters.ALLOC_SLOW_HIGH_ORDER],
                s[Counters.ALLOC_EMPTY], s[Counters.ALLOC_REFILL], s[Counters.ALLOC_WAIVE],
                s[Counters.RECYCLE_CACHED], s[Counters.RECYCLE_CACHE_FULL], s[Counters.RECYCLE_RING],
                s[Counters.RECYCLE_RING_FULL], s[Counters.RECYCLE_RELEASED_REFCNT], hold, release, hold - release,
                s[Counters.WAIVE_BUDGET], s[Counters.WAIVE_SIZE], s[Counters.WAIVE_CLOSED],
                slabs.pagesMapped(), slabs.bytesMapped(), maxMemoryBytes, slabs.slabsMappedTotal(),
                slabs.slabsUnmappedTotal(), slabs.mappingFallbacks(), ring.size(), ring.capacity(),
                o.cachedPages(), o.caches(), o.capacityTotal());
    }

    /** Snapshots of every thread cache and virtual-thread stripe. */
    public List<CacheStats> cacheStats() {
        return caches.cacheStats();
    }

    // ------------------------------------------------------------------ close

    /**
     * Stops new allocations, drains the ring, the stripes, this thread's cache and the caches of
     * ended threads, and returns every free slab to the OS. Slabs with pages still held stay
     * mapped: they are returned as those pages are released; a daemon thread retries and reports
     * (warning line and {@link PoolListener#closeStalled}) how many pages are in flight and for
     * how long. Pages parked in caches of live threads go back at those threads' next call or
     * when they end. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeMonitor) {
            if (closed) {
                return;
            }
            closed = true;
        }
        slabs.startClosing();
        caches.drainStripes();
        caches.drainOwn();
        caches.reclaimEnded();
        drainRing();
        caches.forgetLocal();
        closeMonitor.start();
    }

    /** Moves every page in the ring back to its slab. */
    void drainRing() {
        returnRingPages(Integer.MAX_VALUE);
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** True once closed and every slab is back with the OS. */
    public boolean isFullyClosed() {
        return closed && slabs.bytesMapped() == 0;
    }

    /** Waits until {@link #isFullyClosed()}; false when the timeout passed first. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closeMonitor.await(timeout);
    }

    PoolListener listener() {
        return listener;
    }

    Consumer<String> warnings() {
        return warnings;
    }

    SlabAllocator slabs() {
        return slabs;
    }

    RecycleRing ring() {
        return ring;
    }

    CacheRegistry caches() {
        return caches;
    }

    @Override
    public String toString() {
        return "PagePool[" + name + ", pageSize=" + pageSize + ", mapping=" + mapping + ", bytesMapped="
                + slabs.bytesMapped() + "/" + maxMemoryBytes + (closed ? ", closed" : "") + "]";
    }
}
