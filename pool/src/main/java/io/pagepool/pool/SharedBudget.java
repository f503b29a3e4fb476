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

import java.util.List;

/**
 * One memory budget over the classes of a {@link SizeClassPool}, charged per slab. Each class gets
 * an {@link #account(int) account}, its {@link SlabBudget}.
 *
 * <p>Sharing: a class may map a slab when (1) its charged bytes stay within its share (default the
 * whole budget; the tuner moves shares) and (2) the total stays within the budget less the unmet
 * floors of the other active classes: every active class can always reach {@code floorBytes},
 * the rest is first-come. A class turns active when it asks for a slab and idle when
 * {@link SizeClassPool#trimIdle(long)} finds it unused; an idle class's floor is not held back.
 * A class that is refused with no page left reclaims ({@link #reclaim(int)}) the free slabs of
 * idle classes, and, while it is below its floor, of the classes above theirs.
 *
 * <p>Threading: the charge state is guarded by this object's monitor, taken under a class's slab
 * lock and never holding one; {@link #reclaim(int)} runs with no lock held and takes other
 * classes' slab locks one at a time.
 */
final class SharedBudget {
    private final long maxMemoryBytes;
    private final long floorBytes;
    private final long[] chargedBytes;
    private final long[] shareBytes;
    private final boolean[] active;
    private long totalBytes;
    /** The classes, indexed like the accounts; set once by the group's constructor. */
    private volatile List<PagePool> classes = List.of();

    SharedBudget(long maxMemoryBytes, long floorBytes, int classCount) {
        this.maxMemoryBytes = maxMemoryBytes;
        this.floorBytes = floorBytes;
        this.chargedBytes = new long[classCount];
        this.shareBytes = new long[classCount];
        this.active = new boolean[classCount];
        java.util.Arrays.fill(shareBytes, maxMemoryBytes);
    }

    /** The budget of class {@code index}, handed to its pool's builder. */
    SlabBudget account(int index) {
        return new SlabBudget() {
            @Override
            public boolean tryCharge(long bytes) {
                return SharedBudget.this.tryCharge(index, bytes);
            }

            @Override
            public void refund(long bytes) {
                SharedBudget.this.refund(index, bytes);
            }

            @Override
            public boolean reclaim() {
                return SharedBudget.this.reclaim(index);
            }
        };
    }

    /** Sets the classes the accounts belong to. Once, before any allocation. */
    void classes(List<PagePool> pools) {
        this.classes = List.copyOf(pools);
    }

    synchronized boolean tryCharge(int index, long bytes) {
        active[index] = true;
        if (chargedBytes[index] + bytes > shareBytes[index]
                || totalBytes + bytes > maxMemoryBytes - unmetFloorsBesides(index)) {
            return false;
        }
        chargedBytes[index] += bytes;
        totalBytes += bytes;
        return true;
    }

    synchronized void refund(int index, long bytes) {
        chargedBytes[index] -= bytes;
        totalBytes -= bytes;
    }

    /** The floor bytes that active classes other than {@code index} have not used yet. Monitor held. */
    private long unmetFloorsBesides(int index) {
        long held = 0;
        for (int i = 0; i < active.length; i++) {
            if (i != index && active[i]) {
                held += Math.max(0, floorBytes - chargedBytes[i]);
            }
        }
        return held;
    }

    /**
     * Unmaps the free slabs of idle classes and, while {@code index} is below its floor, of the
     * classes above theirs (their ring pages go back to their slabs first). No lock held.
     */
    boolean reclaim(int index) {
        int unmapped = 0;
        for (int i = 0; i < classes.size(); i++) {
            if (i != index && mayReclaimFrom(i, index)) {
                PoolControl control = classes.get(i).control();
                control.drainRing();
                unmapped += control.trim(0);
            }
        }
        return unmapped > 0;
    }

    /** Whether class {@code index} may take the free slabs of class {@code victim}. */
    private synchronized boolean mayReclaimFrom(int victim, int index) {
        return chargedBytes[victim] > 0 && (!active[victim]
                || chargedBytes[index] < floorBytes && chargedBytes[victim] > floorBytes);
    }

    /** Marks class {@code index} idle: its floor is no longer held back until it asks for a slab again. */
    synchronized void markIdle(int index) {
        active[index] = false;
    }

    synchronized boolean active(int index) {
        return active[index];
    }

    synchronized long chargedBytes(int index) {
        return chargedBytes[index];
    }

    synchronized long shareBytes(int index) {
        return shareBytes[index];
    }

    /** Sets how much class {@code index} may map: floorBytes to maxMemoryBytes. Lowering it unmaps nothing now. */
    synchronized void setShareBytes(int index, long bytes) {
        PagePoolBuilder.requireRange("shareBytes", bytes, floorBytes, maxMemoryBytes);
        shareBytes[index] = bytes;
    }

    long floorBytes() {
        return floorBytes;
    }

    long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    synchronized long totalBytes() {
        return totalBytes;
    }
}
