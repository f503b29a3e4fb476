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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

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
 * <p>Paths, fastest first: a platform thread pops and pushes pages on its private LIFO cache (no
 * atomic, no allocation); an empty cache refills a batch from the recycle ring, else from slabs
 * under a lock (mapping a slab if the budget allows); a full cache flushes its colder half into
 * the ring, and what the ring cannot take returns to its slab. Virtual threads share striped caches.
 *
 * <p>A facade: the alloc fast path is here, its slow paths in {@link PageAllocator}, fragments in
 * {@link FragmentAllocator}, the release side in {@link PageRecycler}, samples and listener calls
 * in {@link PoolEvents}, the tuner's and agent's surface in {@link PoolControl}.
 *
 * <p>Threading: every method may be called from any thread; the run-time setters while other
 * threads allocate. Memory: pages stay mapped while they recycle. A slab is unmapped only when all
 * its pages are free (beyond {@link #slabReserve()} free slabs) or at {@link #close()}, never while
 * a page of it is held.
 */
public final class PagePool implements AutoCloseable {
    private final PoolSettings settings;
    private final PoolEvents events;
    private final RecycleRing ring;
    private final SlabAllocator slabs;
    private final PageTable pages;
    private final CacheRegistry caches;
    private final PageAllocator allocator;
    private final FragmentAllocator fragments;
    private final PageRecycler recycler;
    private final PoolControl control;
    private final CloseMonitor closeMonitor;
    private final int pageSize; // PoolSettings' pageSize and zero, copied for the fast path
    private final boolean zero;
    /** Mirrors {@link PoolSettings#isClosed()} so that the fast path checks it with one load. */
    private volatile boolean closed;

    PagePool(PagePoolBuilder b) {
        this.settings = new PoolSettings(b);
        this.pageSize = settings.pageSize;
        this.zero = settings.zero;
        this.events = new PoolEvents(this, b.name, b.listener, b.warnings);
        this.ring = new RecycleRing(b.maxRingCapacity, b.ringCapacity);
        SlabMapper mapper = new SlabMapper(b.mapping, b.preferMmap && NativeMemory.isAvailable(), b.slabBytes,
                b.pageSize);
        this.slabs = new SlabAllocator(settings, events, mapper, b.slabBytes, b.slabReserve, b.budget);
        this.pages = slabs.pageTable();
        this.caches = new CacheRegistry(settings, ring, slabs, events, b.virtualStripes);
        this.allocator = new PageAllocator(settings, caches, slabs, events);
        this.fragments = new FragmentAllocator(settings, caches, allocator);
        this.recycler = new PageRecycler(settings, caches, slabs);
        this.control = new PoolControl(settings, caches, ring, slabs);
        this.closeMonitor = new CloseMonitor(settings, caches, slabs, control, events);
        slabs.pageOwners(this, recycler);
    }

    /** A builder with the kernel's defaults: 4 KiB pages, cache 128, refill 64, ring 1024. */
    public static PagePoolBuilder builder() {
        return new PagePoolBuilder();
    }

    /**
     * Hands out a page (reference count 1, view reset).
     *
     * @throws PoolExhaustedException when the memory budget is spent
     * @throws IllegalStateException when the pool is closed
     */
    public Page alloc() {
        return allocator.orThrow(take(pageSize));
    }

    /** Like {@link #alloc()}, but null when the budget is spent or the pool is closed. */
    public Page tryAlloc() {
        return take(pageSize);
    }

    /**
     * Like {@link #tryAlloc()} for {@code requestedBytes}: a zeroing pool zeroes only those.
     *
     * @throws IllegalArgumentException when {@code requestedBytes} is not 0..pageSize
     */
    public Page tryAlloc(int requestedBytes) {
        return take(checkRequest(requestedBytes));
    }

    /**
     * Hands out a new view of a page, limit {@code requestedBytes} (zeroed up to that when the pool
     * zeroes), the handle of this lease: release it with {@link #release(ByteBuffer)}; a second
     * release of it throws and never ends a later lease. Allocates the view ({@link #alloc()} does not).
     *
     * @throws IllegalArgumentException when {@code requestedBytes} is not 0..pageSize
     * @throws PoolExhaustedException when the memory budget is spent
     * @throws IllegalStateException when the pool is closed
     */
    public ByteBuffer allocBuffer(int requestedBytes) {
        return leaseView(allocator.orThrow(take(checkRequest(requestedBytes))), requestedBytes);
    }

    /** Like {@link #allocBuffer(int)}, but returns null when the budget is spent or the pool is closed. */
    public ByteBuffer tryAllocBuffer(int requestedBytes) {
        Page page = take(checkRequest(requestedBytes));
        return page != null ? leaseView(page, requestedBytes) : null;
    }

    /** A new view of {@code page}, limit {@code requestedBytes}, made the handle of its lease. */
    private static ByteBuffer leaseView(Page page, int requestedBytes) {
        return page.startViewLease(page.buffer().duplicate().limit(requestedBytes));
    }

    private int checkRequest(int requestedBytes) {
        if (requestedBytes < 0 || requestedBytes > pageSize) {
            throw new IllegalArgumentException(settings.prefix() + requestedBytes + " bytes requested; allowed 0 to "
                    + pageSize + " (the page size)");
        }
        return requestedBytes;
    }

    /** The fast path: pop from the caller's cache, found by its id slot; one exit to the slow path. */
    private Page take(int requestedBytes) {
        ThreadCache cache;
        if (!closed && (cache = caches.slotted(Thread.currentThread())) != null) {
            int id = cache.pop();
            if (id != ThreadCache.EMPTY) {
                Page page = pages.get(id);
                cache.countFastAlloc();
                page.handOut(cache, zero ? requestedBytes : 0);
                if (cache.sampleDue()) {
                    events.sampleFast(cache, page, requestedBytes);
                }
                return page;
            }
        }
        return allocator.takeSlowPath(requestedBytes);
    }

    /**
     * A new view of exactly {@code bytes} from a page split into fragments (8-byte aligned; more than
     * half a page takes a whole page), holding one reference on it: release it by buffer.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 1..pageSize
     * @throws PoolExhaustedException when the memory budget is spent
     * @throws IllegalStateException when the pool is closed
     */
    public ByteBuffer allocFragment(int bytes) {
        return fragments.alloc(bytes);
    }

    /** Hands out up to {@code n} pages into {@code out[0..n)} (RX refill); fewer only when spent or closed. */
    public int allocBulk(Page[] out, int n) {
        return allocator.allocBulk(out, n);
    }

    /** Installs (null: removes) the sampler: every {@code fastPathInterval}-th fast allocation, every slower one. */
    public void setAllocationSampler(AllocationSampler sampler, int fastPathInterval) {
        PagePoolBuilder.requireRange("fastPathInterval", fastPathInterval, 1, PoolEvents.SAMPLER_CHECK_INTERVAL);
        events.setSampler(sampler, fastPathInterval);
    }

    /** Counts an allocation the caller served elsewhere (the agent's JDK fallback), so waives show in the stats. */
    public void countWaive(WaiveReason reason, long requestedBytes) {
        allocator.countWaive(reason, requestedBytes);
    }

    /**
     * Drops one reference of the page holding {@code buffer} (the view {@link #allocBuffer} handed
     * out, a page's view, a slice of it, or a fragment); the last one recycles the page.
     *
     * @throws IllegalArgumentException for a heap buffer or a direct buffer that is not this pool's
     * @throws IllegalStateException on a double release, or for a stale {@code allocBuffer} view
     *         (its lease ended; the page's current holder keeps it)
     */
    public void release(ByteBuffer buffer) {
        recycler.release(buffer);
    }

    /** Releases {@code in[0..n)}; every valid page is released even if one fails, then the first failure is thrown. */
    public void releaseBulk(Page[] in, int n) {
        PageRecycler.releaseBulk(in, n);
    }

    /**
     * The page holding {@code buffer}: a page's own view through the page directory (one load and
     * an identity check), any other view (a slice, a fragment) by its address through the slab table.
     *
     * @throws IllegalArgumentException for a heap buffer or memory that is not this pool's
     */
    public Page pageOf(ByteBuffer buffer) {
        return recycler.pageOf(buffer);
    }

    /** Like {@link #pageOf(ByteBuffer)}, but null for a heap buffer, an empty one, or memory not this pool's. */
    public Page findPage(ByteBuffer buffer) {
        return recycler.findPage(buffer);
    }

    /** Sets every cache's capacity and the capacity of caches created later: 1..maxCacheCapacity. */
    public void setCacheCapacity(int pages) {
        control.setCacheCapacity(pages);
    }

    /** Sets one cache's capacity (0 drains it at its owner's next release); false when no live cache has that id. */
    public boolean setCacheCapacity(long cacheId, int pages) {
        return control.setCacheCapacity(cacheId, pages);
    }

    /** Sets the capacity of caches created from now on, leaving live caches as they are: 1..maxCacheCapacity. */
    public void setNewCacheCapacity(int pages) {
        control.setNewCacheCapacity(pages);
    }

    /**
     * Returns up to {@code maxPages} free pages from the ring to their slabs (so idle slabs can be
     * unmapped); returns how many moved. Any thread; the slab lock once per 64 pages.
     */
    public int returnRingPages(int maxPages) {
        return control.returnRingPages(maxPages);
    }

    /** Pages an empty cache takes in one refill: 1..maxCacheCapacity. */
    public void setRefillBatch(int pages) {
        control.setRefillBatch(pages);
    }

    /** The ring's capacity: 1..maxRingCapacity. Lowering it never drops pages. */
    public void setRingCapacity(int pages) {
        control.setRingCapacity(pages);
    }

    /** Free slabs kept mapped; lowering it unmaps the extra free slabs now. */
    public void setSlabReserve(int slabCount) {
        control.setSlabReserve(slabCount);
    }

    /** Unmaps free slabs beyond {@code keepFreeSlabs}; returns how many went. */
    public int trim(int keepFreeSlabs) {
        return control.trim(keepFreeSlabs);
    }

    /** Drains the caches of threads that have ended; returns how many were reclaimed. */
    public int reclaimEndedThreadCaches() {
        return caches.reclaimEnded();
    }

    /**
     * Checks that every free page is in one place (a cache, the ring or a slab) with refcount 0, and
     * reports the double returns slabs caught. Exact on a quiescent pool; racy while in use.
     */
    public PoolAudit audit() {
        return control.audit();
    }

    /** The pool's name in statistics, JFR events and messages. */
    public String name() {
        return settings.name;
    }

    /** The page size in bytes. */
    public int pageSize() {
        return settings.pageSize;
    }

    /** How slabs are mapped (as requested; a slab may have fallen back, see the statistics). */
    public Mapping mapping() {
        return settings.mapping;
    }

    /** The memory budget: the most bytes mapped at once. */
    public long maxMemoryBytes() {
        return settings.maxMemoryBytes;
    }

    /** The capacity of caches created from now on (live caches may differ: {@link #cacheStats()}). */
    public int newCacheCapacity() {
        return settings.newCacheCapacity();
    }

    /** The most any cache may be set to, in pages. */
    public int maxCacheCapacity() {
        return settings.maxCacheCapacity;
    }

    /** Pages an empty cache takes in one refill. */
    public int refillBatch() {
        return settings.refillBatch();
    }

    /** The ring's capacity now, in pages. */
    public int ringCapacity() {
        return ring.capacity();
    }

    /** The most the ring's capacity may be set to, in pages. */
    public int maxRingCapacity() {
        return ring.physicalSlots();
    }

    /** Free slabs kept mapped instead of unmapped. */
    public int slabReserve() {
        return slabs.slabReserve();
    }

    /** True when this pool keeps counters (its {@code stats} option, unless {@code -Dpagepool.stats=false}). */
    public boolean statsEnabled() {
        return settings.counting();
    }

    /** True when pages are zeroed when handed out. */
    public boolean zeroes() {
        return settings.zero;
    }

    /** True when slabs come from {@code mmap} (native access enabled), false when from a JDK arena. */
    public boolean usesMmap() {
        return slabs.usesMmap();
    }

    /** A snapshot of every counter and gauge. Any thread; about one pass over the caches. */
    public PoolStats stats() {
        return control.stats();
    }

    /** Snapshots of every thread cache and virtual-thread stripe. */
    public List<CacheStats> cacheStats() {
        return control.cacheStats();
    }

    /**
     * Stops new allocations, drains the ring, the stripes and the caches of this and ended threads,
     * and unmaps every free slab; slabs with held pages are unmapped as those come back, while a
     * daemon thread reports the stall ({@link PoolListener#closeStalled}). Live threads' caches
     * drain at their next call or end. Idempotent.
     */
    @Override
    public void close() {
        if (!settings.markClosed()) {
            return;
        }
        closed = true;
        recycler.markClosed();
        closeMonitor.start();
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return settings.isClosed();
    }

    /** True once closed and every slab is back with the OS. */
    public boolean isFullyClosed() {
        return closeMonitor.isFullyClosed();
    }

    /** Waits until {@link #isFullyClosed()}; false when the timeout passed first. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closeMonitor.await(timeout);
    }

    /** The control surface, which also reaches the parts for audits and tests. */
    PoolControl control() {
        return control;
    }

    @Override
    public String toString() {
        return "PagePool[" + settings.name + ", pageSize=" + settings.pageSize + ", mapping=" + settings.mapping
                + ", bytesMapped=" + slabs.bytesMapped() + "/" + settings.maxMemoryBytes
                + (settings.isClosed() ? ", closed" : "") + "]";
    }
}
