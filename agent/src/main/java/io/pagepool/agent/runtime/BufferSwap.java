package io.pagepool.agent.runtime;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.WaiveReason;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves swapped {@code ByteBuffer.allocateDirect} calls from a pool and takes the pages back.
 *
 * <p>Each allocation hands out a fresh root view of a page with capacity == the request
 * (position 0, limit == capacity, big-endian, zeroed when the pool zeroes), and attaches to the
 * page what identifies this lease: a {@link Lease} (reachability tracking) or, for a site
 * proven scoped, the buffer itself. A release takes that attachment off the page with a
 * compare-and-set, so exactly one of several racing releases (explicit, scoped, reachability)
 * recycles the page, and a release with a stale or foreign buffer changes nothing.
 *
 * <p>Requests the pool does not serve (larger than a page, empty, budget spent, pool closed) go to
 * the JDK's own {@code ByteBuffer.allocateDirect}, counted as a waive with its reason; never a GC,
 * never a wait. Threading: every method may be called from any thread.
 */
public final class BufferSwap {
    /** Enqueued leases processed per allocation at most, so no allocation pays for a whole GC's worth. */
    static final int DRAIN_BATCH = 256;

    private final PagePool pool;
    private final int pageSizeBytes;
    private final ReferenceQueue<ByteBuffer> unreachable = new ReferenceQueue<>();
    private final LongAdder[] released = new LongAdder[ReleasePath.values().length];
    /** {@code allocateDirect(0)} calls: the JDK serves them, and they are no waive of the pool's. */
    private final LongAdder empty = new LongAdder();

    /** Debug mode: scoped buffers live in their own arena, closed at release (null when off). */
    private final ScopeCheck check;

    public BufferSwap(PagePool pool) {
        this(pool, false);
    }

    /** @param scopeCheck debug: scoped buffers die with their lease, so a use after release throws */
    public BufferSwap(PagePool pool, boolean scopeCheck) {
        this.pool = pool;
        this.check = scopeCheck ? new ScopeCheck() : null;
        this.pageSizeBytes = pool.pageSize();
        for (int i = 0; i < released.length; i++) {
            released[i] = new LongAdder();
        }
    }

    /** The pool serving the swapped calls. */
    public PagePool pool() {
        return pool;
    }

    /** A buffer released when it becomes unreachable (or explicitly). */
    public ByteBuffer allocateTracked(int capacity) {
        drainUnreachable();
        Page page = take(capacity);
        if (page == null) {
            return ByteBuffer.allocateDirect(capacity);
        }
        ByteBuffer buffer = view(page, capacity);
        page.attach(new Lease(buffer, page, unreachable));
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
        // one object: a scoped buffer's lifetime is proven, so it need not be a root view
        ByteBuffer buffer = page.buffer().slice(0, capacity);
        page.attach(buffer);
        return buffer;
    }

    /**
     * Returns {@code buffer}'s page to the pool if {@code buffer} is the live buffer of a swapped
     * lease; otherwise (null, a JDK or heap buffer, a derived view, already released) does
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
        Page page = pool.findPage(buffer);
        if (page == null) {
            released[ReleasePath.IGNORED_FOREIGN.ordinal()].increment();
            return false;
        }
        Object lease = page.attachment();
        if (!isLeaseOf(lease, buffer) || !page.compareAndSetAttachment(lease, null)) {
            released[ReleasePath.IGNORED_STALE.ordinal()].increment();
            return false;
        }
        if (lease instanceof Lease tracked) {
            tracked.clear(); // never enqueued now
        }
        page.release();
        released[path.ordinal()].increment();
        Reference.reachabilityFence(buffer);
        return true;
    }

    /** Whether {@code buffer} is the live buffer of a swapped lease. */
    public boolean isPooled(ByteBuffer buffer) {
        Page page = buffer == null ? null : pool.findPage(buffer);
        return page != null && isLeaseOf(page.attachment(), buffer);
    }

    /** Whether a page's attachment is the lease of {@code buffer}: scoped (the buffer) or tracked. */
    private static boolean isLeaseOf(Object lease, ByteBuffer buffer) {
        return lease == buffer || lease instanceof Lease tracked && tracked.refersTo(buffer);
    }

    /** Releases the pages of up to {@link #DRAIN_BATCH} unreachable buffers; returns how many. */
    public int drainUnreachable() {
        Reference<? extends ByteBuffer> ref = unreachable.poll();
        if (ref == null) {
            return 0;
        }
        int drained = 0;
        do {
            Lease lease = (Lease) ref;
            if (lease.page.compareAndSetAttachment(lease, null)) {
                lease.page.release();
                drained++;
            }
        } while (drained < DRAIN_BATCH && (ref = unreachable.poll()) != null);
        released[ReleasePath.REACHABILITY.ordinal()].add(drained);
        return drained;
    }

    /**
     * Pages handed out by swapped calls so far: the agent's pool serves nothing else, so this is
     * its {@code holdPages} counter (0 with {@code stats=false}).
     */
    public long swapped() {
        return pool.stats().holdPages();
    }

    /** Swapped calls served by the JDK instead: the pool's waives (too large, budget spent, closed) and empty requests. */
    public long waived() {
        return pool.stats().allocWaive() + empty.sum();
    }

    /** Releases so far by {@code path}. */
    public long released(ReleasePath path) {
        return released[path.ordinal()].sum();
    }

    /** A page for {@code capacity} bytes, or null (a waive the pool counts) when the JDK must serve it. */
    private Page take(int capacity) {
        if (capacity > 0 && capacity <= pageSizeBytes) {
            return pool.tryAlloc(capacity); // counts a budget or closed waive itself
        }
        if (capacity > pageSizeBytes) {
            pool.countWaive(WaiveReason.SIZE, capacity);
        } else if (capacity == 0) {
            empty.increment();
        } // negative: the JDK throws, as it would have
        return null;
    }

    /** A fresh root view: its derived views keep it reachable (their attachment is this buffer). */
    private static ByteBuffer view(Page page, int capacity) {
        return page.segment().asSlice(0, capacity).asByteBuffer();
    }
}
