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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;

/**
 * The reachability-tracked leases of a swap: the queue their buffers arrive on once unreachable,
 * and how many are outstanding, so that the queue is polled only when something can be there.
 * With no tracked lease outstanding {@link #drain} is one opaque load: scoped allocations of an
 * application that tracks nothing never touch the queue.
 *
 * <p>Counting: {@link #start} adds one; whoever ends a lease (takes its {@link Lease} off the page
 * with the compare-and-set, once per lease: {@link #ended} or {@link #drain}) takes one off. A
 * lease whose page never comes back keeps the count above zero; the queue is then polled (a
 * volatile load when it is empty) on every allocation, as before this class.
 *
 * <p>Threading: any thread. The count is updated atomically (an atomic add per tracked lease
 * started and ended; tracked leases allocate anyway); allocating threads read it opaquely, so a
 * loop re-reads it.
 */
final class TrackedLeases {
    /** Enqueued leases processed per call at most, so no allocation pays for a whole GC's worth. */
    static final int DRAIN_BATCH = 256;

    private static final VarHandle OUTSTANDING;

    static {
        try {
            OUTSTANDING = MethodHandles.lookup().findVarHandle(TrackedLeases.class, "outstanding", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReferenceQueue<ByteBuffer> unreachable = new ReferenceQueue<>();
    /** Tracked leases not ended yet. Accessed through {@link #OUTSTANDING}. */
    @SuppressWarnings("unused")
    private int outstanding;

    /** Attaches a tracked lease of {@code page} whose handle is {@code buffer}, a root view of the page. */
    void start(Page page, ByteBuffer buffer) {
        OUTSTANDING.getAndAdd(this, 1);
        page.attach(new Lease(buffer, page, unreachable));
    }

    /** {@code lease} was ended by an explicit release (the caller won its compare-and-set). */
    void ended(Lease lease) {
        lease.clear(); // never enqueued now: its buffer is strongly reachable until the release returns
        OUTSTANDING.getAndAdd(this, -1);
    }

    /** Tracked leases not ended yet. Racy: for diagnostics and tests. */
    int outstanding() {
        return (int) OUTSTANDING.getOpaque(this);
    }

    /**
     * Releases the pages of up to {@link #DRAIN_BATCH} leases whose buffers became unreachable;
     * returns how many. Polls the queue only while a tracked lease is outstanding.
     */
    int drain() {
        if ((int) OUTSTANDING.getOpaque(this) == 0) {
            return 0;
        }
        Reference<? extends ByteBuffer> ref = unreachable.poll();
        return ref == null ? 0 : drainFrom(ref);
    }

    private int drainFrom(Reference<? extends ByteBuffer> first) {
        Reference<? extends ByteBuffer> ref = first;
        int drained = 0;
        do {
            Lease lease = (Lease) ref;
            if (lease.page.compareAndSetAttachment(lease, null)) {
                PageViews.of(lease.page).trackedSite().returnedUnreachable(1); // before the page goes back
                lease.page.release();
                drained++;
            }
        } while (drained < DRAIN_BATCH && (ref = unreachable.poll()) != null);
        OUTSTANDING.getAndAdd(this, -drained);
        return drained;
    }
}
