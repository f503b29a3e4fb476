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
 *   <li>A {@link io.pagepool.pool.SizeClassPool}'s classes are ordinary pools that also charge
 *       every slab to one {@code SharedBudget}, whose state changes only under its monitor; that
 *       monitor is taken inside a class's slab lock and never holds one, and a class reclaims
 *       other classes' free slabs with no lock held, so slab locks are never nested.
 * </ul>
 *
 * <h2>Where free pages go: one verb per move</h2>
 * <ul>
 *   <li><b>release</b>: a holder drops a reference ({@code Page.release}, {@code PagePool.release});
 *       the last one recycles the page.
 *   <li><b>recycle</b>: a freed page is pushed on a thread cache ({@code PageRecycler.recycle},
 *       {@code ThreadCache.recycle}).
 *   <li><b>flush</b>: a full cache moves its colder half into the recycle ring; what the ring
 *       cannot take is returned to the slabs ({@code ThreadCache.recycle} when full).
 *   <li><b>drain</b>: a whole cache, stripe or the ring is emptied into the ring and slabs
 *       (ended threads, tuner, close).
 *   <li><b>return</b>: free pages go back to their slab's free list
 *       ({@code SlabAllocator.returnPages}, {@code PagePool.returnRingPages}).
 *   <li><b>unmap</b>: a slab whose pages are all free is given back to the OS ({@code trim},
 *       the slab reserve, close).
 *   <li><b>reclaim</b>: an ended thread's cache is drained and forgotten.
 * </ul>
 *
 * <h2>Who calls whom</h2>
 * {@code PagePool} is a facade over parts that are handed what they need at construction
 * ({@code PoolSettings}, the ring, the slabs, the page table, the registry, {@code PoolEvents}):
 * the alloc side ({@code PageAllocator}, {@code FragmentAllocator}), the release side
 * ({@code PageRecycler}, which each {@code Page} holds), the control surface
 * ({@code PoolControl}) and close ({@code CloseMonitor}). No part calls the facade; the pool
 * object itself is only handed on as the subject of listener and sampler calls and returned by
 * {@code Page.pool()}.
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
