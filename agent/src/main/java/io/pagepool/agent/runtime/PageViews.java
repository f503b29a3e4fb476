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

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the agent keeps with a page from lease to lease (in {@link Page#spare()}), so that a
 * lease allocates as little as it may: the page's <b>recycled scoped view</b>, handed to each
 * scoped lease of the same capacity, and the segment of the last tracked capacity, from which a
 * tracked lease makes its new root view, and the site of the current tracked lease.
 *
 * <p>Recycling a scoped view is sound because no reference to it survives its release (the
 * analysis proves it, DESIGN 4.7; ADR 0009), and only that proven release puts it back:
 * <ul>
 *   <li>a scoped lease gets the view only when its capacity equals the request (capacity is
 *       final in a buffer), reset as a new buffer is: position 0, limit == capacity, no mark,
 *       big-endian;
 *   <li>a tracked lease never gets it: its buffer is a new root view whose reachability is the
 *       lease's (this class keeps the scoped view strongly, so handing it to a tracked lease
 *       would also keep that lease from ever coming back by reachability);
 *   <li>a scoped lease ended by another path than its scoped release (a {@code release=} method
 *       the analysis summarised) takes the view out of circulation ({@link #retireScopedView}):
 *       the scoped release still to come holds it, so it must stay stale and never name a later
 *       lease.
 * </ul>
 *
 * <p>Threading: only the page's current holder calls these methods (the swap between taking the
 * page from the pool and releasing it); the pool's hand-over orders one holder's accesses,
 * including the application's to the recycled view, before the next holder's. One instance per
 * page, made at its first lease by the agent.
 */
final class PageViews {
    /** The view the page's next scoped lease gets if it asks for the same capacity; null when none. */
    private ByteBuffer scopedView;
    /** The page's first {@code byteSize()} bytes: the last tracked capacity; null when none. */
    private MemorySegment trackedSegment;
    /**
     * The site of the page's current tracked lease (kept here, not in the {@link Lease}, so that a
     * tracked lease stays two objects of 64 + 32 B). Written by the allocating holder before the
     * lease is attached (a release store), read by the winner of the lease's compare-and-set
     * before it releases the page.
     */
    private AllocationSite trackedSite;

    private PageViews() {
    }

    /** The page's views, made at the page's first lease by the agent. The page's holder only. */
    static PageViews of(Page page) {
        return page.spare() instanceof PageViews views ? views : install(page);
    }

    private static PageViews install(Page page) {
        PageViews views = new PageViews();
        page.setSpare(views);
        return views;
    }

    /**
     * The view for a scoped lease of {@code capacity} bytes: the recycled one, reset, when its
     * capacity matches, else a new slice of the page's view that is kept for the next lease.
     */
    ByteBuffer scopedView(Page page, int capacity) {
        ByteBuffer view = scopedView;
        if (view != null && view.capacity() == capacity) {
            view.clear(); // position 0, limit == capacity, mark discarded
            if (view.order() != ByteOrder.BIG_ENDIAN) {
                view.order(ByteOrder.BIG_ENDIAN);
            }
            return view;
        }
        return scopedView = page.buffer().slice(0, capacity); // a new slice is big-endian
    }

    /**
     * Takes {@code view} out of circulation: its lease ended by another path than the scoped
     * release, which still holds it. The page's holder (the winner of that lease's release).
     */
    void retireScopedView(ByteBuffer view) {
        if (scopedView == view) {
            scopedView = null;
        }
    }

    /**
     * A new root view of the page's first {@code capacity} bytes for a tracked lease: one buffer
     * object; the segment under it is kept for the next lease of the same capacity (segments are
     * immutable and name no lease).
     */
    ByteBuffer trackedView(Page page, int capacity, AllocationSite site) {
        trackedSite = site;
        MemorySegment segment = trackedSegment;
        if (segment == null || segment.byteSize() != capacity) {
            trackedSegment = segment = page.segment().asSlice(0, capacity);
        }
        return segment.asByteBuffer();
    }

    /** The site of the current (or just ended) tracked lease; its releaser reads it before releasing the page. */
    AllocationSite trackedSite() {
        return trackedSite;
    }
}
