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

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The id-slot takeover of {@link CacheRegistry}: threads A and B share an id slot held by the cache
 * of a thread that has ended, and both try to take it over at once. Exactly one gets the slot;
 * each may trust only a slot holding its own cache, so neither ever finds the other's. Result:
 * (A's own cache is in the slot, B's own cache is in the slot).
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "A took the slot over; B stays on the slow path")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "B took the slot over; A stays on the slow path")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both believe they hold the one slot")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "the ended thread's slot was never taken over")
@Outcome(expect = FORBIDDEN, desc = "a slot lookup returned another thread's cache")
@State
public class CacheSlotTakeoverTest {
    /** A thread that never ran (ended, for the registry), then live ones parked for good; one id slot. */
    private static final Thread[] SAME_SLOT = threadsSharingOneSlot(3);
    private static final MethodHandle CLAIM_SLOT;
    private static final MethodHandle BY_THREAD_ID;
    /** The parts a registry and its caches are built from, taken from one real pool. */
    private static final PoolSettings SETTINGS;
    private static final RecycleRing RING;
    private static final SlabAllocator SLABS;
    private static final PoolEvents EVENTS;

    static {
        try {
            MethodHandles.Lookup lookup =
                    MethodHandles.privateLookupIn(CacheRegistry.class, MethodHandles.lookup());
            CLAIM_SLOT = lookup.findVirtual(CacheRegistry.class, "claimSlot",
                    MethodType.methodType(void.class, Thread.class, ThreadCache.class));
            BY_THREAD_ID = lookup.findGetter(CacheRegistry.class, "byThreadId", ThreadCache[].class);
            PagePool pool = PagePool.builder().name("jcstress-cache-slots").build();
            MethodHandles.Lookup poolLookup = MethodHandles.privateLookupIn(PagePool.class, MethodHandles.lookup());
            SETTINGS = (PoolSettings) poolLookup.findGetter(PagePool.class, "settings", PoolSettings.class)
                    .invoke(pool);
            RING = (RecycleRing) poolLookup.findGetter(PagePool.class, "ring", RecycleRing.class).invoke(pool);
            SLABS = (SlabAllocator) poolLookup.findGetter(PagePool.class, "slabs", SlabAllocator.class)
                    .invoke(pool);
            EVENTS = (PoolEvents) poolLookup.findGetter(PagePool.class, "events", PoolEvents.class).invoke(pool);
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CacheRegistry registry = new CacheRegistry(SETTINGS, RING, SLABS, EVENTS, 1);
    private final Thread threadA = SAME_SLOT[1];
    private final Thread threadB = SAME_SLOT[2];
    private final ThreadCache cacheA = cache(1, threadA);
    private final ThreadCache cacheB = cache(2, threadB);

    /** Gives the slot to the ended thread's cache. */
    public CacheSlotTakeoverTest() {
        Thread ended = SAME_SLOT[0];
        slots()[(int) ended.threadId() & (CacheRegistry.ID_SLOTS - 1)] = cache(0, ended);
    }

    private static ThreadCache cache(long id, Thread owner) {
        return new ThreadCache(id, owner, owner.getName(), 1, SETTINGS, RING, SLABS);
    }

    /** A takes the slot over if it can. */
    @Actor
    public void threadA() {
        claim(threadA, cacheA);
    }

    /** B takes the slot over if it can. */
    @Actor
    public void threadB() {
        claim(threadB, cacheB);
    }

    /** Looks the slot up as A and as B. */
    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = found(threadA, cacheA);
        r.r2 = found(threadB, cacheB);
    }

    /** 1 when {@code thread} finds its own cache, 0 when nothing, 2 when someone else's. */
    private int found(Thread thread, ThreadCache own) {
        ThreadCache slotted = registry.slotted(thread);
        return slotted == null ? 0 : slotted == own ? 1 : 2;
    }

    private void claim(Thread thread, ThreadCache cache) {
        try {
            CLAIM_SLOT.invokeExact(registry, thread, cache);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private ThreadCache[] slots() {
        try {
            return (ThreadCache[]) BY_THREAD_ID.invokeExact(registry);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Threads whose ids are equal modulo the slot count (ids are given at construction): the first
     * never started, the others started as daemons that park for good, so they count as alive.
     */
    private static Thread[] threadsSharingOneSlot(int count) {
        Thread[] out = new Thread[count];
        out[0] = Thread.ofPlatform().unstarted(() -> { });
        long slot = out[0].threadId() & (CacheRegistry.ID_SLOTS - 1);
        for (int found = 1; found < count; ) {
            Thread t = Thread.ofPlatform().daemon().name("slot-sharer-" + found).unstarted(() -> {
                while (true) {
                    LockSupport.park();
                }
            });
            if ((t.threadId() & (CacheRegistry.ID_SLOTS - 1)) == slot) {
                t.start();
                out[found++] = t;
            }
        }
        return out;
    }
}
