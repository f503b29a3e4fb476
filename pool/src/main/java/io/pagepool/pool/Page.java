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

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One page of a {@link PagePool}: a lease handle with a reference count and a pre-made direct
 * {@link ByteBuffer} view. The handle and its view live as long as the page's slab; the pool
 * hands the same objects out again each time the page recycles, so holding a page costs no
 * allocation.
 *
 * <p>Reference count: 0 while the page is free (in a cache, the ring or its slab), 1 when handed
 * out, more after {@link #retain()}; the last {@link #release()} recycles the page. A page split
 * into fragments carries a large bias that is removed when the page is used up.
 *
 * <p>Threading: {@code retain} and {@code release} may be called from any thread by a holder.
 * The common case, a sole holder releasing, costs no atomic instruction: a holder that reads a
 * count of 1 (acquire) is the only one, so it writes 0 plainly and recycles; the page then
 * belongs to the releasing thread's cache until the recycle ring publishes it (release/acquire).
 * Shared pages are decremented with compare-and-set, and so is every page of a {@code strict}
 * pool, where of two racing releases of one reference exactly one succeeds.
 */
public final class Page {
    private static final VarHandle REFCNT;
    private static final VarHandle ATTACHMENT;
    private static final VarHandle LEASE_VIEW;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REFCNT = lookup.findVarHandle(Page.class, "refcnt", int.class);
            ATTACHMENT = lookup.findVarHandle(Page.class, "attachment", Object.class);
            LEASE_VIEW = lookup.findVarHandle(Page.class, "leaseView", ByteBuffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reference count bias of a page split into fragments; each fragment handed out uses one. */
    static final int FRAGMENT_BIAS = 1 << 30;

    /** Returned by {@link #pool()}; never called. */
    private final PagePool pool;
    /** Where the last release sends the page. */
    private final PageRecycler recycler;
    private final Slab slab;
    /** The pool's {@code strict} option: every release is a compare-and-set. */
    private final boolean strict;
    private final int index;
    private final int id;
    private final long address;
    private final MemorySegment segment;
    private final ByteBuffer view;
    /** Hand-outs so far: with the page, identifies one lease. Written by the handing-out thread. */
    private int generation;
    /**
     * The platform thread the page was last handed out on and that thread's cache (for a virtual
     * thread: null and the stripe it used). A release on that same platform thread pushes straight
     * into that cache, with no lookup; they sit on the page so that a release on another thread
     * reads only the page's own line. Written at hand-out, read by the releasing thread.
     */
    Thread holderThread;
    ThreadCache holderCache;
    /** Accessed through {@link #REFCNT} only. */
    @SuppressWarnings("unused")
    private int refcnt;
    /** The holder's lease object; the pool never reads it. Accessed through {@link #ATTACHMENT}. */
    @SuppressWarnings("unused")
    private Object attachment;
    /**
     * The view {@code allocBuffer} handed out for lease {@code viewLeaseGeneration}, the handle that
     * {@code release(ByteBuffer)} ends by identity (compare-and-set to null, so once). Set by the
     * handing-out thread (release store); accessed through {@link #LEASE_VIEW}.
     */
    @SuppressWarnings("unused")
    private ByteBuffer leaseView;
    private int viewLeaseGeneration;
    /** The last view whose lease {@code release(ByteBuffer)} ended: a late release of it is stale. */
    private ByteBuffer endedLeaseView;

    Page(PagePool pool, PageRecycler recycler, Slab slab, int index, int id, MemorySegment segment) {
        this.pool = pool;
        this.recycler = recycler;
        this.strict = recycler != null && recycler.strict();
        this.slab = slab;
        this.index = index;
        this.id = id;
        this.segment = segment;
        this.address = segment.address();
        this.view = segment.asByteBuffer();
    }

    /**
     * The page's own direct buffer, the same object for every lease (so the Page API allocates
     * nothing). When the page is handed out its position is 0, its limit is the page size and its
     * order big-endian. It stays valid until the page's last release; do not keep it after that
     * (a stale view may see the page's next holder's bytes). {@link PagePool#allocBuffer} hands
     * out a new view per lease instead.
     */
    public ByteBuffer buffer() {
        return view;
    }

    /** The page's memory as a segment of {@link #sizeBytes()} bytes. */
    public MemorySegment segment() {
        return segment;
    }

    /** The address of the page's first byte. */
    public long address() {
        return address;
    }

    /** The page size in bytes. */
    public int sizeBytes() {
        return view.capacity();
    }

    /** The pool this page belongs to. */
    public PagePool pool() {
        return pool;
    }

    /** The current reference count (0 when the page is free). Racy: for diagnostics. */
    public int refCount() {
        return (int) REFCNT.getOpaque(this);
    }

    /**
     * Adds a reference: the page recycles only after one more {@link #release()}.
     *
     * @throws IllegalStateException if the page is not held (its count is 0)
     */
    public Page retain() {
        int count = (int) REFCNT.getAcquire(this);
        for (;;) {
            if (count <= 0 || count == Integer.MAX_VALUE) {
                throw new IllegalStateException(this + ": retain() of a page that is not held (refcount "
                        + count + ")");
            }
            int witness = (int) REFCNT.compareAndExchange(this, count, count + 1);
            if (witness == count) {
                return this;
            }
            count = witness;
        }
    }

    /**
     * Drops a reference; the last one recycles the page into the releasing thread's cache.
     *
     * @throws IllegalStateException on a double release (the count is already 0); the pool is
     *         left unchanged. Two releases racing on another thread are caught only by a
     *         {@code strict} pool; otherwise both may succeed, see {@link PagePoolBuilder#strict}
     */
    public void release() {
        int count = (int) REFCNT.getAcquire(this);
        if (count == 1 && !strict) {
            REFCNT.set(this, 0);
            recycler.recycle(this);
        } else {
            releaseShared(count);
        }
    }

    private void releaseShared(int count) {
        for (;;) {
            if (count <= 0) {
                throw new IllegalStateException(this + " released twice: its refcount is already " + count);
            }
            int witness = (int) REFCNT.compareAndExchange(this, count, count - 1);
            if (witness == count) {
                if (count == 1) {
                    recycler.recycle(this);
                } else {
                    recycler.countReleasedRefcnt();
                }
                return;
            }
            count = witness;
        }
    }

    /**
     * How many times this page has been handed out; together with the page it identifies one
     * lease (a page still held with the same generation later is the same lease). Racy: for
     * diagnostics such as leak detection.
     */
    public int generation() {
        return generation;
    }

    /**
     * The object the current holder attached (null when none): a slot for a holder that hands
     * the page on, such as the agent's lease, so that exactly one of several racing releasers
     * wins with {@link #compareAndSetAttachment}. The pool neither reads nor clears it: a holder
     * that attaches must detach before its last release.
     */
    public Object attachment() {
        return ATTACHMENT.getAcquire(this);
    }

    /** Sets the attachment (release store). Holder only. */
    public void attach(Object value) {
        ATTACHMENT.setRelease(this, value);
    }

    /** Atomically replaces the attachment if it is {@code expected} (by identity). */
    public boolean compareAndSetAttachment(Object expected, Object value) {
        return ATTACHMENT.compareAndSet(this, expected, value);
    }

    /**
     * Makes the page held by one holder with a reset view, its first {@code zeroBytes} zeroed.
     * The caller owns the free page.
     */
    Page handOut(ThreadCache cache, int zeroBytes) {
        if (holderCache != cache) { // usually the same: skip the GC write barriers of two stores
            holderCache = cache;
            holderThread = cache.owner;
        }
        generation++;
        REFCNT.set(this, 1);
        view.clear();
        if (view.order() != ByteOrder.BIG_ENDIAN) {
            view.order(ByteOrder.BIG_ENDIAN);
        }
        if (zeroBytes > 0) {
            Zeros.clear(segment, 0, zeroBytes);
        }
        return this;
    }

    /**
     * Makes {@code view}, a new view of this just handed-out page, the handle of its lease: the
     * view {@code release(ByteBuffer)} accepts. Returns it. The handing-out thread only.
     */
    ByteBuffer startViewLease(ByteBuffer view) {
        viewLeaseGeneration = generation;
        LEASE_VIEW.setRelease(this, view);
        return view;
    }

    /** True when {@code buffer} is the handle of this page's current lease. Any thread. */
    boolean isLeaseView(ByteBuffer buffer) {
        return LEASE_VIEW.getAcquire(this) == buffer && viewLeaseGeneration == generation;
    }

    /**
     * Ends the current lease if {@code buffer} is its handle; true for the one caller that did.
     * A holder thread; a stale or second caller gets false.
     */
    boolean endViewLease(ByteBuffer buffer) {
        if (viewLeaseGeneration != generation || !LEASE_VIEW.compareAndSet(this, buffer, null)) {
            return false;
        }
        endedLeaseView = buffer;
        return true;
    }

    /**
     * True when {@code buffer}, a view of this page that is not its lease handle, must not end the
     * current lease: it is the last view whose lease has ended, or it covers the whole page or as
     * much as the current handle (a stale lease view or a copy of one: a {@link SizeClassPool}'s
     * handles are as large as their requests) while the page is held through {@code allocBuffer}.
     * Otherwise (a slice, a fragment, the page's own view, or any view of a page held through the
     * Page API) it may; the current view lease, if any, ends with it.
     */
    boolean refusesViewRelease(ByteBuffer buffer) {
        if (buffer == endedLeaseView) {
            return true;
        }
        ByteBuffer current = (ByteBuffer) LEASE_VIEW.getAcquire(this);
        if (current == null || viewLeaseGeneration != generation) {
            return false;
        }
        if (current == buffer) { // the handle itself, found by address (its directory slot collides)
            return !endViewLease(buffer);
        }
        if (buffer != view && (buffer.capacity() == view.capacity() || buffer.capacity() == current.capacity())) {
            return true;
        }
        if (LEASE_VIEW.compareAndSet(this, current, null)) {
            endedLeaseView = current;
        }
        return false;
    }

    /** Turns a held page (count 1) into a fragment page carrying the bias. Owner only. */
    void startFragments() {
        REFCNT.set(this, FRAGMENT_BIAS);
    }

    /**
     * Removes {@code unused} references of the fragment bias; returns true when that released
     * the last reference, so the caller must recycle the page.
     */
    boolean dropFragmentBias(int unused) {
        return (int) REFCNT.getAndAdd(this, -unused) == unused;
    }

    Slab slab() {
        return slab;
    }

    /** The page's index inside its slab. */
    int index() {
        return index;
    }

    /** The page's id in its pool's {@link PageTable}: how caches and the ring hold it. */
    int id() {
        return id;
    }

    @Override
    public String toString() {
        return "page " + index + " of slab " + slab.id() + " of pool '" + recycler.poolName() + "' at 0x"
                + Long.toHexString(address);
    }
}
