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
import java.util.List;

/**
 * A group of {@link PagePool}s, one per power-of-two size class, under one memory budget: every
 * request size up to the largest class is served by the smallest class that fits.
 *
 * <pre>{@code
 * try (SizeClassPool pools = SizeClassPool.builder().maxClassBytes(64 << 10).build()) {
 *     ByteBuffer frame = pools.allocBuffer(1500);   // from the 2 KiB class, capacity 1500
 *     ...
 *     pools.release(frame);
 * }
 * }</pre>
 *
 * <p>Dispatch: one load from a table indexed by {@code Integer.numberOfLeadingZeros(bytes - 1)}
 * (no loop, no allocation), then the class's own fast path. Each class is an ordinary pool (its
 * own thread caches, ring and counters, named {@code <name>-<size>}, e.g. {@code agent-2k}); a
 * buffer is released to its class, found from its capacity (a pooled view's capacity names its
 * class or a smaller one) and verified through that class's page directory.
 *
 * <p>Smallest class, 1 KiB by default ({@link SizeClassPoolBuilder#minClassBytes} allows 512 B):
 * a page costs about 200 bytes of heap (its handle, its buffer view and its segment), 20% of a
 * 1 KiB page but 40% of a 512 B one, and a request of up to 512 B wastes at most 1 KiB in its
 * page while it is held (pages are held briefly; mapped pages are counted in the budget for good).
 *
 * <p>Budget: every class's slabs are charged to one budget, shared as {@link SharedBudget} says: a
 * floor per active class, the rest first-come, a share per class the tuner moves
 * ({@link #setShareBytes}). {@link #trimIdle(long)} returns the slabs of classes nobody used.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class SizeClassPool implements AutoCloseable {
    /** Class by {@code numberOfLeadingZeros(bytes - 1)}: 33 entries, null above the largest class. */
    private final PagePool[] byLeadingZeros = new PagePool[33];
    /** The page directory of the same class, for {@link #release(ByteBuffer)}'s common case. */
    private final PageDirectory[] directoryByLeadingZeros = new PageDirectory[33];
    /** The classes, smallest first. */
    private final PagePool[] classes;
    private final List<PagePool> classList;
    private final SharedBudget budget;
    private final String name;
    private final int minClassBytes;
    private final int maxClassBytes;
    /** Per class: its allocation count when last seen changed, and when ({@link #trimIdle}). Under this monitor. */
    private final long[] lastAllocs;
    private final long[] lastActiveNanos;

    SizeClassPool(String name, PagePool[] classes, SharedBudget budget) {
        this.name = name;
        this.classes = classes.clone();
        this.classList = List.of(classes);
        this.budget = budget;
        this.minClassBytes = classes[0].pageSize();
        this.maxClassBytes = classes[classes.length - 1].pageSize();
        for (int lz = 0; lz <= 32; lz++) {
            long bytes = 1L << (32 - lz); // the largest request with this many leading zeros in bytes - 1
            byLeadingZeros[lz] = bytes <= maxClassBytes ? classes[indexOf((int) Math.max(bytes, minClassBytes))] : null;
            directoryByLeadingZeros[lz] = byLeadingZeros[lz] == null ? null
                    : byLeadingZeros[lz].control().slabs().directory();
        }
        budget.classes(classList);
        this.lastAllocs = new long[classes.length];
        this.lastActiveNanos = new long[classes.length];
        java.util.Arrays.fill(lastActiveNanos, System.nanoTime());
    }

    /** A builder: classes 1 KiB to 64 KiB, 1 GiB budget, the per-class settings of {@link PagePool#builder()}. */
    public static SizeClassPoolBuilder builder() {
        return new SizeClassPoolBuilder();
    }

    private int indexOf(int classBytes) {
        return Integer.numberOfTrailingZeros(classBytes) - Integer.numberOfTrailingZeros(minClassBytes);
    }

    /**
     * A page of the smallest class of at least {@code bytes} (zeroed up to {@code bytes} when the
     * group zeroes); null when waived, counted with its reason: SIZE above the largest class,
     * BUDGET, CLOSED.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public Page tryAlloc(int bytes) {
        PagePool cls = byLeadingZeros[Integer.numberOfLeadingZeros(bytes - 1)];
        return cls != null ? cls.tryAlloc(bytes) : unclassified(bytes);
    }

    /** Requests no table entry serves: 0 (the smallest class), negative (misuse), or too large (waived). */
    private Page unclassified(int bytes) {
        if (bytes == 0) {
            return classes[0].tryAlloc(0);
        }
        requireNotNegative(bytes);
        countWaive(WaiveReason.SIZE, bytes);
        return null;
    }

    /**
     * Like {@link #tryAlloc(int)}, but throws instead of returning null.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative or above the largest class
     * @throws PoolExhaustedException when the budget is spent
     * @throws IllegalStateException when the group is closed
     */
    public Page alloc(int bytes) {
        PagePool cls = classOf(bytes);
        Page page = cls.tryAlloc(bytes);
        if (page == null) {
            throw cls.isClosed() ? new IllegalStateException("size classes '" + name + "' are closed")
                    : new PoolExhaustedException("size classes '" + name + "': memory budget of "
                            + budget.maxMemoryBytes() + " bytes is spent (" + budget.totalBytes()
                            + " bytes mapped, no free page of " + cls.pageSize() + " bytes)");
        }
        return page;
    }

    /**
     * A new view of exactly {@code bytes} (capacity and limit; position 0, big-endian, zeroed when
     * the group zeroes) of a page of the smallest class that fits: the handle of this lease, to be
     * released with {@link #release(ByteBuffer)}. Allocates the view.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative or above the largest class
     * @throws PoolExhaustedException when the budget is spent
     * @throws IllegalStateException when the group is closed
     */
    public ByteBuffer allocBuffer(int bytes) {
        return leaseView(alloc(bytes), bytes);
    }

    /** Like {@link #allocBuffer(int)}, but null when waived (counted, as {@link #tryAlloc(int)}). */
    public ByteBuffer tryAllocBuffer(int bytes) {
        Page page = tryAlloc(bytes);
        return page != null ? leaseView(page, bytes) : null;
    }

    private static ByteBuffer leaseView(Page page, int bytes) {
        return page.startViewLease(page.buffer().slice(0, bytes));
    }

    /**
     * Drops one reference of the page holding {@code buffer}, in whichever class, as
     * {@link PagePool#release(ByteBuffer)} does: the handle {@link #allocBuffer} gave is found
     * through the page directory of the class its capacity names and its lease ended with one
     * compare-and-set; any other view takes {@link #findPage}.
     *
     * @throws IllegalArgumentException for a heap buffer or a direct buffer that is no class's
     * @throws IllegalStateException on a double release or a stale view
     */
    public void release(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        PageDirectory directory = directoryByLeadingZeros[Integer.numberOfLeadingZeros(capacity - 1)];
        Page page = directory != null ? directory.candidate(buffer) : null;
        if (page != null && page.endViewLease(buffer)) { // the handle allocBuffer gave: its lease ends once
            page.release();
            return;
        }
        releaseSlowPath(buffer);
    }

    /** Anything but a live handle: a slice, a fragment, a page's own view, a stale view, a foreign buffer. */
    private void releaseSlowPath(ByteBuffer buffer) {
        Page page = findPage(buffer);
        if (page == null) {
            throw new IllegalArgumentException("size classes '" + name + "': a " + (buffer.isDirect() ? "direct"
                    : "heap") + " ByteBuffer of capacity " + buffer.capacity() + " is not a page of any class");
        }
        page.pool().release(buffer);
    }

    /**
     * The page holding {@code buffer}, in whichever class, or null (a heap, empty or foreign
     * buffer). Looks in the class its capacity names first, then in the larger ones (a slice or a
     * fragment is smaller than its page). No allocation.
     */
    public Page findPage(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (capacity == 0 || !buffer.isDirect()) {
            return null;
        }
        PagePool hinted = byLeadingZeros[Integer.numberOfLeadingZeros(capacity - 1)];
        if (hinted == null) {
            return null; // larger than the largest class: no page holds it
        }
        for (int i = indexOf(hinted.pageSize()); i < classes.length; i++) {
            Page page = classes[i].findPage(buffer);
            if (page != null) {
                return page;
            }
        }
        return null;
    }

    /** Counts an allocation served elsewhere: SIZE on the largest class, else on the class for {@code bytes}. */
    public void countWaive(WaiveReason reason, int bytes) {
        PagePool cls = reason == WaiveReason.SIZE || bytes < 0 ? null : byLeadingZeros[
                Integer.numberOfLeadingZeros(Math.max(bytes, 1) - 1)];
        (cls != null ? cls : classes[classes.length - 1]).countWaive(reason, bytes);
    }

    /**
     * The class serving {@code bytes} (the smallest at least that large; 0 takes the smallest),
     * or null above the largest class. A table lookup.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public PagePool classFor(int bytes) {
        PagePool cls = byLeadingZeros[Integer.numberOfLeadingZeros(bytes - 1)];
        if (cls == null && bytes <= 0) {
            requireNotNegative(bytes);
            return classes[0];
        }
        return cls;
    }

    private PagePool classOf(int bytes) {
        PagePool cls = classFor(bytes);
        if (cls == null) {
            throw new IllegalArgumentException("size classes '" + name + "': " + bytes
                    + " bytes requested; allowed 0 to " + maxClassBytes + " (the largest class)");
        }
        return cls;
    }

    private void requireNotNegative(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("size classes '" + name + "': " + bytes
                    + " bytes requested; allowed 0 to " + maxClassBytes + " (the largest class)");
        }
    }

    /** The classes, smallest first; each a full pool whose {@code pageSize()} is its class. */
    public List<PagePool> classes() {
        return classList;
    }

    /** The smallest class, in bytes. */
    public int minClassBytes() {
        return minClassBytes;
    }

    /** The largest class, in bytes; larger requests are waived (SIZE). */
    public int maxClassBytes() {
        return maxClassBytes;
    }

    /** The one budget: the most bytes all classes map at once. */
    public long maxMemoryBytes() {
        return budget.maxMemoryBytes();
    }

    /** What every active class may always map, whatever the others took. */
    public long floorBytes() {
        return budget.floorBytes();
    }

    /** The most {@code cls} may map (default the whole budget). */
    public long shareBytes(PagePool cls) {
        return budget.shareBytes(indexOfClass(cls));
    }

    /**
     * Sets the most {@code cls} may map: floorBytes to maxMemoryBytes. Lowering it unmaps nothing
     * at once; the class maps no more slabs until it is back below.
     */
    public void setShareBytes(PagePool cls, long bytes) {
        budget.setShareBytes(indexOfClass(cls), bytes);
    }

    /** Whether {@code cls} is active: it asked for a slab since it was last found idle. */
    public boolean active(PagePool cls) {
        return budget.active(indexOfClass(cls));
    }

    /** The bytes all classes have mapped now (what the budget has charged). */
    public long bytesMapped() {
        return budget.totalBytes();
    }

    /**
     * Returns the slabs of idle classes: a class is idle when no allocation (served or waived)
     * reached it for {@code idleNanos}, as seen by the successive calls of this method (so call it
     * periodically, the tuner does). An idle class stops holding its floor back; its virtual-thread
     * stripes, ended threads' caches and ring go back to its slabs and every free slab is unmapped.
     * Pages parked in live platform threads' caches stay (only their owner may touch them), and
     * with statistics off every class looks idle: either way only free slabs are unmapped.
     * Returns how many slabs were unmapped.
     */
    public synchronized int trimIdle(long idleNanos) {
        PagePoolBuilder.requireRange("idleNanos", idleNanos, 0, Long.MAX_VALUE);
        long now = System.nanoTime();
        int unmapped = 0;
        for (int i = 0; i < classes.length; i++) {
            PoolStats s = classes[i].stats();
            long allocs = s.allocPages() + s.allocWaive();
            if (allocs != lastAllocs[i]) {
                lastAllocs[i] = allocs;
                lastActiveNanos[i] = now;
            } else if (now - lastActiveNanos[i] >= idleNanos) {
                budget.markIdle(i);
                unmapped += classes[i].control().returnIdle();
            }
        }
        return unmapped;
    }

    private int indexOfClass(PagePool cls) {
        int i = classList.indexOf(cls);
        if (i < 0) {
            throw new IllegalArgumentException("size classes '" + name + "': " + cls + " is not one of its classes");
        }
        return i;
    }

    /** Every class's counters summed (one snapshot per class); maxMemoryBytes is the group's. */
    public PoolStats stats() {
        PoolStats[] each = new PoolStats[classes.length];
        for (int i = 0; i < classes.length; i++) {
            each[i] = classes[i].stats();
        }
        return ClassStats.sum(each, budget.maxMemoryBytes());
    }

    /** The group's name; its classes are named {@code <name>-<size>}. */
    public String name() {
        return name;
    }

    /** Closes every class ({@link PagePool#close()}). Idempotent. */
    @Override
    public void close() {
        for (PagePool cls : classes) {
            cls.close();
        }
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return classes[0].isClosed();
    }

    /** A class's name suffix: {@code 512}, {@code 2k}, {@code 1m}. */
    static String sizeLabel(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "m" : bytes % 1024 == 0 ? (bytes >> 10) + "k" : bytes + "";
    }

    @Override
    public String toString() {
        return "SizeClassPool[" + name + ", classes " + sizeLabel(minClassBytes) + ".." + sizeLabel(maxClassBytes)
                + ", bytesMapped=" + budget.totalBytes() + "/" + budget.maxMemoryBytes() + "]";
    }
}
