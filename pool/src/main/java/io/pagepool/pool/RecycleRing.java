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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Bounded multi-producer, multi-consumer ring of free pages (their {@link PageTable} ids, so a
 * slot write has no GC barrier) with bulk produce and bulk consume:
 * a batch of pages costs one compare-and-set on the producer or consumer index, so a thread that
 * flushes 64 pages pays one contended atomic step, not 64.
 *
 * <p>Layout: a power-of-two array of slots, each with a sequence number (Vyukov's bounded
 * queue). Slot {@code i} of position {@code p} is writable when {@code seq == p} and readable when
 * {@code seq == p + 1}; a consumer frees it by writing {@code p + slots}. Producers claim a run of
 * positions with one CAS on {@code producerIndex}, then fill it; consumers claim with one CAS on
 * {@code consumerIndex}, then drain it, waiting (briefly) for a claimed slot still being written.
 *
 * <p>The logical capacity can be changed at run time between 1 and the physical slot count; a
 * lowered capacity only stops producers until consumers bring the ring below it.
 *
 * <p>Ordering: slot contents are written plainly and published by the release store of the slot's
 * sequence, which pairs with the acquire load of the other side.
 */
final class RecycleRing {
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PRODUCER;
    private static final VarHandle CONSUMER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER = lookup.findVarHandle(RecycleRing.class, "producerIndex", long.class);
            CONSUMER = lookup.findVarHandle(RecycleRing.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] slots;
    private final long[] sequences;
    private final int mask;
    private volatile int capacity;

    // The two indexes sit on their own cache lines: producers and consumers are different threads.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long producerIndex;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long consumerIndex;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;

    /**
     * @param physicalSlots a power of two: the most the capacity may ever be set to
     * @param capacity the initial logical capacity, 1..physicalSlots
     */
    RecycleRing(int physicalSlots, int capacity) {
        if (Integer.bitCount(physicalSlots) != 1) {
            throw new IllegalArgumentException("physicalSlots must be a power of two: " + physicalSlots);
        }
        this.slots = new int[physicalSlots];
        this.sequences = new long[physicalSlots];
        this.mask = physicalSlots - 1;
        for (int i = 0; i < physicalSlots; i++) {
            sequences[i] = i;
        }
        setCapacity(capacity);
    }

    int physicalSlots() {
        return slots.length;
    }

    int capacity() {
        return capacity;
    }

    void setCapacity(int capacity) {
        if (capacity < 1 || capacity > slots.length) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is out of range 1.." + slots.length);
        }
        this.capacity = capacity;
    }

    /** Pages in the ring now (racy). */
    int size() {
        long c = consumerIndex;
        long p = producerIndex;
        return (int) Math.max(0, p - c);
    }

    /**
     * Moves up to {@code n} page ids from {@code from[offset..]} into the ring; returns how many
     * went in (the first ones). Any thread.
     */
    int produce(int[] from, int offset, int n) {
        long p = producerIndex;
        int k;
        for (;;) {
            long c = (long) CONSUMER.getAcquire(this);
            k = (int) Math.min(n, capacity - (p - c));
            if (k <= 0) {
                return 0;
            }
            long witness = (long) PRODUCER.compareAndExchange(this, p, p + k);
            if (witness == p) {
                break;
            }
            p = witness;
        }
        for (int i = 0; i < k; i++) {
            long position = p + i;
            int slot = (int) position & mask;
            for (int spins = 0; (long) SEQ.getAcquire(sequences, slot) != position; spins++) {
                backOff(spins); // a consumer claimed this slot and is still reading it
            }
            slots[slot] = from[offset + i];
            SEQ.setRelease(sequences, slot, position + 1);
        }
        return k;
    }

    /** Moves up to {@code n} page ids from the ring into {@code to[offset..]}; returns how many. Any thread. */
    int consume(int[] to, int offset, int n) {
        long c = consumerIndex;
        int k;
        for (;;) {
            long p = (long) PRODUCER.getAcquire(this);
            k = (int) Math.min(n, p - c);
            if (k <= 0) {
                return 0;
            }
            long witness = (long) CONSUMER.compareAndExchange(this, c, c + k);
            if (witness == c) {
                break;
            }
            c = witness;
        }
        for (int i = 0; i < k; i++) {
            long position = c + i;
            int slot = (int) position & mask;
            for (int spins = 0; (long) SEQ.getAcquire(sequences, slot) != position + 1; spins++) {
                backOff(spins); // a producer claimed this slot and is still writing it
            }
            to[offset + i] = slots[slot];
            SEQ.setRelease(sequences, slot, position + slots.length);
        }
        return k;
    }

    /** The ids in the ring now, oldest first. Racy: exact only while no thread uses the ring (audits). */
    int[] snapshot() {
        long c = consumerIndex;
        long p = producerIndex;
        int n = (int) Math.max(0, Math.min(p - c, slots.length));
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = slots[(int) (c + i) & mask];
        }
        return ids;
    }

    /**
     * Waits for another thread inside its claimed run: spin briefly, then yield, because with
     * more threads than cores that thread may be descheduled and spinning only burns its CPU.
     */
    private static void backOff(int spins) {
        if (spins < 128) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
