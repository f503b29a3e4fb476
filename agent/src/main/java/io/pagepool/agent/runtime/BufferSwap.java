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
package io.pagepool.agent.runtime;

import io.pagepool.pool.Page;
import io.pagepool.pool.PoolStats;
import io.pagepool.pool.SizeClassPool;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves rewritten {@code ByteBuffer.allocateDirect} calls from a group of size classes and takes
 * the pages back, whichever class they came from.
 *
 * <p>Each allocation hands out a buffer over one page of the smallest class that fits, with
 * capacity == the request (position 0,
 * limit == capacity, big-endian, zeroed when the pool zeroes), and attaches to the page what
 * identifies this lease: for a reachability-tracked buffer, a new root view of the page and a
 * {@link Lease} referring to it; for a site proven scoped, the page's recycled scoped view (a
 * slice of the page's own view, reset, handed out again lease after lease: its lifetime is
 * proven, so it allocates nothing in steady state; {@link PageViews}) and that buffer itself as
 * the attachment. A release takes that attachment off the page with a compare-and-set, so
 * exactly one of several racing releases (explicit, scoped, reachability) recycles the page, and
 * a release with a stale or foreign buffer changes nothing. The reachability queue is polled
 * only while a tracked lease is outstanding ({@link TrackedLeases}).
 *
 * <p>Requests the pool does not serve go to the JDK's own {@code ByteBuffer.allocateDirect}; never
 * a GC, never a wait. Larger than the largest class, budget spent or pool closed: the pool counts a waive
 * with its reason. Empty ({@code allocateDirect(0)}): no waive of the pool's, counted here
 * instead; {@link #waived()} includes both. Threading: every method may be called from any thread.
 */
public final class BufferSwap {
    private final SizeClassPool pool;
    /** The sites whose ids rewritten calls pass; their modes and figures. */
    private final SiteTable sites = SiteTable.global();
    private final TrackedLeases tracked = new TrackedLeases();
    /** The pages handed out, by address: how a release finds its page without the pool's lookup. */
    private final PageIndex index;
    private final LongAdder[] released = new LongAdder[ReleasePath.values().length];
    /**
     * {@code allocateDirect(0)} calls: the JDK serves them; no waive of the pool's, but
     * {@link #waived()} counts them.
     */
    private final LongAdder empty = new LongAdder();

    /** Debug mode: scoped buffers live in their own arena, closed at release (null when off). */
    private final ScopeCheck check;

    /** A swap serving from {@code pool}'s size classes, without {@code scopeCheck}. */
    public BufferSwap(SizeClassPool pool) {
        this(pool, false);
    }

    /** @param scopeCheck debug: scoped buffers die with their lease, so a use after release throws */
    public BufferSwap(SizeClassPool pool, boolean scopeCheck) {
        this.pool = pool;
        this.check = scopeCheck ? new ScopeCheck() : null;
        this.index = new PageIndex(pool.minClassBytes());
        for (int i = 0; i < released.length; i++) {
            released[i] = new LongAdder();
        }
    }

    /** The size classes serving the rewritten calls. */
    public SizeClassPool pool() {
        return pool;
    }

    /** A buffer released when it becomes unreachable (or explicitly), for a call without a site. */
    public ByteBuffer allocateTracked(int capacity) {
        return allocateTracked(capacity, SiteTable.UNATTRIBUTED);
    }

    /**
     * A buffer for rewritten site {@code siteId} (see {@link SiteTable}): in JDK mode the JDK's
     * own; else a pooled buffer released when it becomes unreachable (or explicitly), whose lease
     * credits the site whichever path returns it.
     */
    public ByteBuffer allocateTracked(int capacity, int siteId) {
        AllocationSite site = sites.site(siteId);
        if (site.mode() != SiteMode.POOLED) {
            return site.allocateByJdk(capacity);
        }
        drainUnreachable();
        Page page = take(capacity);
        if (page == null) {
            site.waived();
            return ByteBuffer.allocateDirect(capacity);
        }
        ByteBuffer buffer = PageViews.of(page).trackedView(page, capacity, site);
        tracked.start(page, buffer);
        index.add(page);
        site.served();
        return buffer;
    }

    /** A buffer whose site was proven not to escape: the rewritten method releases it. */
    public ByteBuffer allocateScoped(int capacity) {
        if (check != null) {
            return check.allocate(capacity);
        }
        drainUnreachable();
        Page page = take(capacity);
        if (page == null) {
            return ByteBuffer.allocateDirect(capacity);
        }
        // no reference to a scoped view survives its release (proven): the page's own is handed out again
        ByteBuffer buffer = PageViews.of(page).scopedView(page, capacity);
        page.attach(buffer);
        index.add(page);
        return buffer;
    }

    /**
     * Returns {@code buffer}'s page to the pool if {@code buffer} is the live buffer of a lease of
     * this swap; otherwise (null, a JDK or heap buffer, a derived view, already released) does
     * nothing and returns false.
     */
    public boolean release(ByteBuffer buffer, ReleasePath path) {
        if (buffer == null) {
            return false;
        }
        if (check != null && check.release(buffer)) {
            released[path.ordinal()].increment();
            return true;
        }
        Page page = index.candidate(buffer);
        Object lease = page == null ? null : page.attachment();
        if (!isLeaseOf(lease, buffer)) {
            return releaseFound(buffer, path); // not found by the index: the pool's exact lookup
        }
        return end(page, lease, buffer, path);
    }

    /** {@link #release} of a buffer the index does not find: a foreign, stale or derived buffer, or a collision. */
    private boolean releaseFound(ByteBuffer buffer, ReleasePath path) {
        Page page = pool.findPage(buffer);
        if (page == null) {
            released[ReleasePath.IGNORED_FOREIGN.ordinal()].increment();
            return false;
        }
        Object lease = page.attachment();
        if (!isLeaseOf(lease, buffer)) {
            released[ReleasePath.IGNORED_STALE.ordinal()].increment();
            return false;
        }
        return end(page, lease, buffer, path);
    }

    /** Ends {@code lease}, {@code buffer}'s lease of {@code page}, if no other release ends it first. */
    private boolean end(Page page, Object lease, ByteBuffer buffer, ReleasePath path) {
        if (!page.compareAndSetAttachment(lease, null)) {
            released[ReleasePath.IGNORED_STALE.ordinal()].increment();
            return false;
        }
        if (lease instanceof Lease trackedLease) {
            tracked.ended(trackedLease);
            PageViews.of(page).trackedSite().returned(path); // before the page goes back
        } else if (path != ReleasePath.SCOPED) {
            PageViews.of(page).retireScopedView(buffer); // its scoped release is still to come
        }
        page.release();
        released[path.ordinal()].increment();
        Reference.reachabilityFence(buffer);
        return true;
    }

    /** Whether {@code buffer} is the live buffer of a lease of this swap. */
    public boolean isPooled(ByteBuffer buffer) {
        if (buffer == null) {
            return false;
        }
        Page page = index.candidate(buffer);
        if (page != null && isLeaseOf(page.attachment(), buffer)) {
            return true;
        }
        page = pool.findPage(buffer);
        return page != null && isLeaseOf(page.attachment(), buffer);
    }

    /** Whether a page's attachment is the lease of {@code buffer}: scoped (the buffer) or tracked. */
    private static boolean isLeaseOf(Object lease, ByteBuffer buffer) {
        return lease == buffer || lease instanceof Lease tracked && tracked.refersTo(buffer);
    }

    /**
     * Releases the pages of up to {@link TrackedLeases#DRAIN_BATCH} unreachable buffers; returns
     * how many. Polls the reachability queue only while a tracked lease is outstanding.
     */
    public int drainUnreachable() {
        int drained = tracked.drain();
        if (drained != 0) {
            released[ReleasePath.REACHABILITY.ordinal()].add(drained);
        }
        return drained;
    }

    /** Reachability-tracked leases not ended yet. Racy: for diagnostics and tests. */
    int trackedOutstanding() {
        return tracked.outstanding();
    }

    /**
     * Pages the pool handed out so far, every class: the {@code allocPages} counters (0 with
     * {@code stats=false}). That is the swapped calls served by the pool plus any direct use of
     * the same pool, such as the application's through {@code PagePools.pool()}.
     */
    public long swapped() {
        return swapped(pool.stats());
    }

    /** {@link #swapped()} from a snapshot of this swap's pool, so one snapshot can serve several figures. */
    public long swapped(PoolStats stats) {
        return stats.allocPages();
    }

    /**
     * Requests served by the JDK instead: the pool's waives (larger than the largest class, budget
     * spent, closed; including any direct use of the pool) and the empty requests counted here.
     */
    public long waived() {
        return waived(pool.stats());
    }

    /** {@link #waived()} from a snapshot of this swap's pool, so one snapshot can serve several figures. */
    public long waived(PoolStats stats) {
        return stats.allocWaive() + empty.sum();
    }

    /** Releases so far by {@code path}. */
    public long released(ReleasePath path) {
        return released[path.ordinal()].sum();
    }

    /**
     * A page for {@code capacity} bytes, or null when the JDK must serve it (a waive the pool
     * counts, or an empty request).
     */
    private Page take(int capacity) {
        if (capacity > 0) {
            return pool.tryAlloc(capacity); // smallest class that fits; counts a size, budget or closed waive itself
        }
        if (capacity == 0) {
            empty.increment();
        } // negative: the JDK throws, as it would have
        return null;
    }
}
