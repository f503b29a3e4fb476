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

/**
 * A pool's configuration as its parts read it: the values fixed at build time, the two knobs the
 * tuner moves at run time ({@code newCacheCapacity}, {@code refillBatch}) and whether the pool is
 * closed. Every part is handed this at construction, so that no part reaches back into
 * {@link PagePool}.
 *
 * <p>Threading: final fields are immutable; the knobs and {@code closed} are volatile, written by
 * any thread (the tuner, {@link PagePool#close()}) and read by any thread. The two fast paths
 * ({@link PagePool}'s pop, {@link PageRecycler}'s push) read a mirror of {@code closed} of their
 * own, so that each checks it with one load; {@link PagePool#close()} sets this one first.
 */
final class PoolSettings {
    final String name;
    final int pageSize;
    final long maxMemoryBytes;
    final Mapping mapping;
    /** The pool's {@code stats} option; see {@link #counting()}. */
    final boolean stats;
    final boolean zero;
    /** Releases use a compare-and-set at every count, so one of two racing releases throws. */
    final boolean strict;
    final int maxCacheCapacity;
    private volatile int newCacheCapacity;
    private volatile int refillBatch;
    private volatile boolean closed;

    PoolSettings(PagePoolBuilder b) {
        this.name = b.name;
        this.pageSize = b.pageSize;
        this.maxMemoryBytes = b.maxMemoryBytes;
        this.mapping = b.mapping;
        this.stats = b.stats;
        this.zero = b.zero;
        this.strict = b.strict;
        this.maxCacheCapacity = b.maxCacheCapacity;
        this.newCacheCapacity = b.cacheCapacity;
        this.refillBatch = b.refillBatch;
    }

    /** The static switch first, so that {@code -Dpagepool.stats=false} folds every update away. */
    boolean counting() {
        return Counters.ENABLED && stats;
    }

    /** The capacity of caches created from now on. */
    int newCacheCapacity() {
        return newCacheCapacity;
    }

    void setNewCacheCapacity(int pages) {
        newCacheCapacity = pages;
    }

    int refillBatch() {
        return refillBatch;
    }

    void setRefillBatch(int pages) {
        refillBatch = pages;
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the pool closed; true for the one caller that closed it. */
    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** {@code "pool 'name': "}, the prefix of every message about this pool. */
    String prefix() {
        return "pool '" + name + "': ";
    }
}
