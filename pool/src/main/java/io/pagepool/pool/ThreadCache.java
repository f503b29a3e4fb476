package io.pagepool.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A LIFO stack of free pages private to one thread (the kernel's per-NAPI alloc cache), or, for
 * virtual threads, one of a few striped stacks shared under a tiny lock. Pages are held as
 * {@link PageTable} ids, so that a push is a plain {@code int} store with no GC barrier.
 *
 * <p>Invariants: {@code stack[0..size)} holds the ids of free pages (refcount 0), hottest on
 * top; {@code size <= stack.length}; the owner keeps {@code size <= capacity} except right after the
 * capacity was lowered, which the owner repairs at its next overflow.
 *
 * <p>Threading: only the owner thread (or the holder of a stripe's lock) touches the stack,
 * {@code size}, the fragment state and the counters. {@code capacity} is written by any thread
 * (the tuner) with an opaque store and read by the owner with an opaque load, so a new value is
 * seen at the owner's next push. Other threads read {@code size} and the counters racily, for
 * statistics only. A dead owner's cache is drained by whoever sweeps, after
 * {@link Thread#isAlive()} returned false (which happens-after everything the owner did).
 */
final class ThreadCache {
    private static final VarHandle CAPACITY;
    private static final VarHandle SIZE;
    private static final VarHandle LOCK;
    private static final VarHandle FAST_ALLOCS;
    private static final VarHandle CACHED_RELEASES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CAPACITY = lookup.findVarHandle(ThreadCache.class, "capacity", int.class);
            SIZE = lookup.findVarHandle(ThreadCache.class, "size", int.class);
            LOCK = lookup.findVarHandle(ThreadCache.class, "locked", int.class);
            FAST_ALLOCS = lookup.findVarHandle(ThreadCache.class, "fastAllocs", long.class);
            CACHED_RELEASES = lookup.findVarHandle(ThreadCache.class, "cachedReleases", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    /** The owning platform thread, or null for a virtual-thread stripe. */
    final Thread owner;
    final String ownerName;
    final Counters counters = new Counters();
    private final int maxCapacity;

    /** Ids of free pages; {@code [0..size)} are valid. */
    int[] stack;
    int size;
    /**
     * The fast path's two counters as plain fields of their own: an update through
     * {@link Counters}' array costs an extra load and bounds check, measured at ~4 ns per
     * alloc+release. They add to {@code ALLOC_FAST} and {@code RECYCLE_CACHED}; see
     * {@link #addCountersTo(long[])}.
     */
    long fastAllocs;
    long cachedReleases;
    @SuppressWarnings("unused")
    private int capacity;
    /** Stripe lock word: 0 free, 1 held. Unused for platform-thread caches. */
    @SuppressWarnings("unused")
    private int locked;

    /** Fast-path allocations left until the next sample check. Owner only. */
    int sampleCountdown = PagePool.SAMPLER_CHECK_INTERVAL;

    /** The page currently being split into fragments, its next offset and fragments handed out. */
    Page fragmentPage;
    int fragmentOffset;
    int fragmentsHanded;

    ThreadCache(long id, Thread owner, String ownerName, int capacity, int maxCapacity) {
        this.id = id;
        this.owner = owner;
        this.ownerName = ownerName;
        this.maxCapacity = maxCapacity;
        this.stack = new int[Math.max(1, capacity)];
        CAPACITY.setOpaque(this, capacity);
    }

    /** Returned by {@link #pop()} when the cache is empty. */
    static final int EMPTY = -1;

    /** Pops the id of the hottest free page, or {@link #EMPTY}. Owner only. */
    int pop() {
        int s = size;
        if (s == 0) {
            return EMPTY;
        }
        size = --s;
        return stack[s];
    }

    /** Pushes a free page's id; false when the cache is at capacity. Owner only. */
    boolean push(int pageId) {
        int s = size;
        int[] st = stack;
        if (s >= capacity() || s >= st.length) {
            return false;
        }
        st[s] = pageId;
        size = s + 1;
        return true;
    }

    /** Adds this cache's counters, hot fields included, into {@code sums}. Any thread. */
    void addCountersTo(long[] sums) {
        counters.addTo(sums);
        sums[Counters.ALLOC_FAST] += (long) FAST_ALLOCS.getOpaque(this);
        sums[Counters.RECYCLE_CACHED] += (long) CACHED_RELEASES.getOpaque(this);
    }

    /** One counter of this cache, hot fields included. Any thread. */
    long count(int counter) {
        long n = counters.get(counter);
        if (counter == Counters.ALLOC_FAST) {
            n += (long) FAST_ALLOCS.getOpaque(this);
        } else if (counter == Counters.RECYCLE_CACHED) {
            n += (long) CACHED_RELEASES.getOpaque(this);
        }
        return n;
    }

    int capacity() {
        return (int) CAPACITY.getOpaque(this);
    }

    /** Any thread; the owner applies it at its next push or refill. */
    void setCapacity(int capacity) {
        CAPACITY.setOpaque(this, capacity);
    }

    int sizeRacy() {
        return (int) SIZE.getOpaque(this);
    }

    /** Makes room for {@code capacity} pages if the stack is smaller. Owner only. */
    void ensureRoom(int pages) {
        int wanted = Math.min(Math.max(pages, size), maxCapacity);
        if (stack.length < wanted) {
            stack = Arrays.copyOf(stack, wanted);
        }
    }

    /**
     * Forgets the {@code n} coldest pages, {@code stack[0..n)}, which the caller has already moved
     * elsewhere, and shifts the rest down. Owner only.
     */
    void dropColdest(int n) {
        System.arraycopy(stack, n, stack, 0, size - n);
        size -= n;
    }

    boolean isStripe() {
        return owner == null;
    }

    /** True when this is a platform thread's cache whose thread has ended. */
    boolean ownerEnded() {
        return owner != null && !owner.isAlive();
    }

    boolean tryLock() {
        return LOCK.compareAndSet(this, 0, 1);
    }

    void unlock() {
        LOCK.setRelease(this, 0);
    }
}
