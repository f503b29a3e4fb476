/**
 * The page pool: fixed-size off-heap pages recycled through per-thread caches, a shared recycle
 * ring and slabs, after the Linux kernel's {@code page_pool}.
 *
 * <h2>Who owns what</h2>
 * <ul>
 *   <li>A free page is in exactly one place: a thread cache's stack, the recycle ring, or its
 *       slab's free list. A held page is in none of them and has a reference count of at least 1.
 *   <li>A {@link io.pagepool.pool.ThreadCache} belongs to one platform thread (or, for virtual
 *       threads, to the holder of a stripe's lock). Only the owner touches its stack, size,
 *       fragment state and counters.
 *   <li>Slabs, their free lists and the budget belong to {@link io.pagepool.pool.SlabAllocator}
 *       and change only under its lock.
 * </ul>
 *
 * <h2>Memory ordering</h2>
 * <ul>
 *   <li>Page reference count ({@code Page.refcnt}): hand-out writes 1 plainly (the page is private
 *       to the owner's cache); a release reads it with acquire; a sole holder (1) writes 0
 *       plainly, shared holders decrement with compare-and-set (volatile). The acquire pairs with
 *       the CAS of another holder's release, so their writes to the page happen-before the recycle.
 *   <li>Recycle ring: a producer writes a slot plainly, then the slot's sequence with release; a
 *       consumer reads the sequence with acquire, then the slot. Claiming uses CAS on the
 *       producer and consumer indexes; each side reads the other's index with acquire.
 *   <li>Counters: the owner writes plainly, readers read opaque and sum; no ordering with other
 *       data is implied (see {@code Counters}).
 *   <li>Cache capacity: written opaque by any thread (the tuner), read opaque by the owner.
 *   <li>Slab table: immutable, published through a volatile field (release/acquire).
 *   <li>A cache of an ended thread is read by the sweeper after {@code Thread.isAlive()} returned
 *       false, which happens-after every action of that thread (JLS 17.4.4).
 *   <li>{@code closed}: volatile; a thread that raced past it on the fast path leaves pages in
 *       its own cache, which it drains at its next call on the pool or which is reclaimed when it
 *       ends.
 * </ul>
 */
package io.pagepool.pool;
