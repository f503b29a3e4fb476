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
package io.pagepool.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jmh.infra.Control;

/**
 * A bounded single-producer single-consumer ring that the cross-thread benchmarks use to carry
 * objects from the allocating thread to the releasing thread, like a NIC's TX completion ring.
 * A batch costs one release store per side; the slots are written and read plainly.
 *
 * <p>Layout: {@code indexes[TAIL]} (written by the producer) and {@code indexes[HEAD]} (written by
 * the consumer) sit 128 bytes apart in one {@code long[]}, so they never share a cache line.
 * Ordering: slot writes happen-before the producer's release store of the tail, which pairs with
 * the consumer's acquire load; the consumer's release store of the head pairs with the producer's
 * acquire load before it reuses slots.
 *
 * <p>Waiting spins, then yields (the suite runs more threads than the machine has cores), and
 * gives up when JMH says the iteration is over ({@link Control#stopMeasurement}), so no thread
 * waits forever for a partner that has stopped.
 */
final class Handoff {
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int TAIL = 16;
    private static final int HEAD = 32;
    private static final int SPINS_BEFORE_YIELD = 64;

    private final long[] indexes = new long[48];
    private final Object[] slots;
    private final int mask;

    /** @param capacity a power of two */
    Handoff(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.slots = new Object[capacity];
        this.mask = capacity - 1;
    }

    /** Producer: true when {@code n} slots are free now. */
    boolean hasSpace(int n) {
        return indexes[TAIL] + n - (long) INDEX.getAcquire(indexes, HEAD) <= slots.length;
    }

    /** Producer: waits until {@code n} slots are free; false when the iteration ended first. */
    boolean awaitSpace(int n, Control control) {
        for (int spins = 0; !hasSpace(n); spins++) {
            if (control.stopMeasurement) {
                return false;
            }
            backOff(spins);
        }
        return true;
    }

    /** Producer: writes the {@code i}-th object of the batch being filled. */
    void put(int i, Object o) {
        slots[(int) (indexes[TAIL] + i) & mask] = o;
    }

    /** Producer: publishes the {@code n} objects put since the last publish. */
    void publish(int n) {
        INDEX.setRelease(indexes, TAIL, indexes[TAIL] + n);
    }

    /** Consumer: waits until {@code n} objects are ready; false when the iteration ended first. */
    boolean awaitItems(int n, Control control) {
        for (int spins = 0; (long) INDEX.getAcquire(indexes, TAIL) - indexes[HEAD] < n; spins++) {
            if (control.stopMeasurement) {
                return false;
            }
            backOff(spins);
        }
        return true;
    }

    /** Consumer: the {@code i}-th ready object. */
    Object get(int i) {
        return slots[(int) (indexes[HEAD] + i) & mask];
    }

    /** Consumer: frees the first {@code n} ready slots for the producer. */
    void consumed(int n) {
        INDEX.setRelease(indexes, HEAD, indexes[HEAD] + n);
    }

    static void backOff(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
