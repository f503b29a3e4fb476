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
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The release side: where a page goes when its last reference is dropped, and how a buffer is
 * turned back into its page. A page recycles into the releasing thread's cache (the fast path:
 * the cache of the thread it was handed out on, read from the page, or the thread's id slot);
 * anything else takes {@link #recycleSlowPath}: the calling thread's cache through the registry,
 * or, once the pool is closed, the page's slab.
 *
 * <p>Threading: any thread. {@code closed} mirrors {@link PoolSettings#isClosed()} so that the
 * fast path checks it with one load; {@link #markClosed()} sets it after the settings' flag.
 */
final class PageRecycler {
    private final PoolSettings settings;
    private final CacheRegistry caches;
    private final SlabAllocator slabs;
    private final PageDirectory directory;
    private volatile boolean closed;

    PageRecycler(PoolSettings settings, CacheRegistry caches, SlabAllocator slabs) {
        this.settings = settings;
        this.caches = caches;
        this.slabs = slabs;
        this.directory = slabs.directory();
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
                cache.countCachedRelease();
                return;
            }
        }
        recycleSlowPath(page);
    }

    private void recycleSlowPath(Page page) {
        if (settings.isClosed()) {
            slabs.returnReleased(page);
            caches.drainOwn();
            caches.forgetLocal();
            return;
        }
        ThreadCache cache = caches.acquire();
        try {
            cache.recycle(page.id());
        } finally {
            caches.release(cache);
        }
    }

    /** Counts a release that dropped a shared reference without recycling the page. */
    void countReleasedRefcnt() {
        if (settings.counting()) {
            ThreadCache cache = caches.acquire();
            try {
                cache.counters.inc(Counters.RECYCLE_RELEASED_REFCNT);
            } finally {
                caches.release(cache);
            }
        }
    }

    /** From now on every release takes the slow path. After {@link PoolSettings#markClosed()}. */
    void markClosed() {
        closed = true;
    }

    /** The pool's {@code strict} option, which each page copies at its creation. */
    boolean strict() {
        return settings.strict;
    }

    String poolName() {
        return settings.name;
    }

    // ------------------------------------------------------------------ release by buffer

    /**
     * See {@link PagePool#release(ByteBuffer)}. The common case, the view {@code allocBuffer}
     * handed out, ends its lease by identity (one compare-and-set); anything else takes
     * {@link #releaseByAddress}.
     */
    void release(ByteBuffer buffer) {
        Page page = directory.candidate(buffer);
        if (page != null && page.endViewLease(buffer)) {
            page.release();
            return;
        }
        releaseByAddress(buffer);
    }

    private void releaseByAddress(ByteBuffer buffer) {
        Page page = pageOf(buffer);
        if (page.refusesViewRelease(buffer)) {
            throw new IllegalStateException(page + ": release of a stale view (its lease has ended: released"
                    + " twice?) or of a whole-page copy of an allocBuffer view, which cannot be told from a stale"
                    + " one (release the view allocBuffer returned); the page's current holder keeps it");
        }
        page.release();
    }

    /** See {@link PagePool#releaseBulk(Page[], int)}. */
    static void releaseBulk(Page[] in, int n) {
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

    /** See {@link PagePool#pageOf(ByteBuffer)}. */
    Page pageOf(ByteBuffer buffer) {
        Page page = findPage(buffer);
        if (page == null) {
            throw notAPage(buffer);
        }
        return page;
    }

    /** See {@link PagePool#findPage(ByteBuffer)}. */
    Page findPage(ByteBuffer buffer) {
        Page page = directory.find(buffer); // a page's own view: the common case
        return page != null ? page : findByAddress(buffer);
    }

    private Page findByAddress(ByteBuffer buffer) {
        if (!buffer.isDirect() || buffer.capacity() == 0) {
            return null; // an empty view at a page's end has the next page's address: it names no page
        }
        long address = addressOf(buffer);
        Slab slab = slabs.find(address);
        return slab == null ? null : slab.pageAt(address);
    }

    /** The address of a direct buffer's first byte (index 0, not its position). */
    private static long addressOf(ByteBuffer buffer) {
        return MemorySegment.ofBuffer(buffer).address() - buffer.position();
    }

    private IllegalArgumentException notAPage(ByteBuffer buffer) {
        String what = !buffer.isDirect()
                ? "a heap ByteBuffer (capacity " + buffer.capacity() + ") is not a page of this pool"
                : buffer.capacity() == 0 ? "an empty ByteBuffer (capacity 0) names no page"
                : "the direct ByteBuffer at 0x" + Long.toHexString(addressOf(buffer)) + " (capacity "
                        + buffer.capacity() + ") is not a page of this pool";
        return new IllegalArgumentException(settings.prefix() + what);
    }
}
