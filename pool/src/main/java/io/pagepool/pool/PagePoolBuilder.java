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

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Configures and builds a {@link PagePool}. Every setter validates at once: a bad value throws
 * {@link IllegalArgumentException} naming the parameter, the value and the allowed range. Values
 * that depend on each other are checked again by {@link #build()}.
 */
public final class PagePoolBuilder {
    private static final AtomicInteger POOLS = new AtomicInteger();

    static final int MIN_PAGE_SIZE = 1024;
    static final int MAX_PAGE_SIZE = 65536;
    /** The page sizes a {@link SizeClassPool}'s classes may have (its classes are built past {@link #pageSize}). */
    static final int MIN_CLASS_BYTES = 512;
    static final int MAX_CLASS_BYTES = 1 << 20;
    static final long MIN_SLAB_BYTES = 64 << 10;
    static final long MAX_SLAB_BYTES = 1L << 30;
    static final long MAX_MEMORY_LIMIT = 1L << 40;
    static final int MAX_CACHE_CAPACITY_LIMIT = 1 << 16;
    static final int MAX_RING_SLOTS = 1 << 20;

    String name = "pagepool-" + POOLS.incrementAndGet();
    int pageSize = 4096;
    long slabBytes = 2L << 20;
    long maxMemoryBytes = 1L << 30;
    Mapping mapping = Mapping.PREFAULT;
    int cacheCapacity = 128;
    int maxCacheCapacity = 4096;
    int refillBatch = 64;
    int ringCapacity = 1024;
    int maxRingCapacity = 16384;
    int slabReserve = 1;
    int virtualStripes = defaultStripes();
    boolean stats = true;
    boolean zero;
    boolean preferMmap = true;
    boolean strict;
    PoolListener listener = PoolListener.NONE;
    Consumer<String> warnings = message -> System.err.println("pagepool: " + message);
    /** The budget shared with other pools (a size-class group's), else none beyond maxMemoryBytes. */
    SlabBudget budget = SlabBudget.NONE;

    PagePoolBuilder() {
    }

    /** The pool's name in statistics, JFR events and messages. Default {@code pagepool-N}. */
    public PagePoolBuilder name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = '" + name + "' is not allowed: must be non-blank");
        }
        this.name = name;
        return this;
    }

    /** Page size in bytes: a power of two from 1024 to 65536. Default 4096. */
    public PagePoolBuilder pageSize(int bytes) {
        requirePowerOfTwo("pageSize", bytes, MIN_PAGE_SIZE, MAX_PAGE_SIZE);
        this.pageSize = bytes;
        return this;
    }

    /** A size class's page size: a power of two from 512 B to 1 MiB. For {@link SizeClassPoolBuilder}. */
    PagePoolBuilder classBytes(int bytes) {
        requirePowerOfTwo("classBytes", bytes, MIN_CLASS_BYTES, MAX_CLASS_BYTES);
        this.pageSize = bytes;
        return this;
    }

    /** Bytes per slab mapped from the OS: a power of two from 64 KiB to 1 GiB, at least a page. Default 2 MiB. */
    public PagePoolBuilder slabBytes(long bytes) {
        requirePowerOfTwo("slabBytes", bytes, MIN_SLAB_BYTES, MAX_SLAB_BYTES);
        this.slabBytes = bytes;
        return this;
    }

    /** The memory budget: the most bytes mapped at once, from one slab to 1 TiB. Default 1 GiB. */
    public PagePoolBuilder maxMemoryBytes(long bytes) {
        requireRange("maxMemoryBytes", bytes, MIN_SLAB_BYTES, MAX_MEMORY_LIMIT);
        this.maxMemoryBytes = bytes;
        return this;
    }

    /** How slabs are mapped. Default {@link Mapping#PREFAULT}. */
    public PagePoolBuilder mapping(Mapping mapping) {
        this.mapping = Objects.requireNonNull(mapping,
                () -> "mapping = null is not allowed: one of " + java.util.Arrays.toString(Mapping.values()));
        return this;
    }

    /** Initial capacity of each thread cache, in pages: 1 to maxCacheCapacity. Default 128. */
    public PagePoolBuilder cacheCapacity(int pages) {
        requireRange("cacheCapacity", pages, 1, MAX_CACHE_CAPACITY_LIMIT);
        this.cacheCapacity = pages;
        return this;
    }

    /** The most any cache may be set to at run time, in pages: 1 to 65536. Default 4096. */
    public PagePoolBuilder maxCacheCapacity(int pages) {
        requireRange("maxCacheCapacity", pages, 1, MAX_CACHE_CAPACITY_LIMIT);
        this.maxCacheCapacity = pages;
        return this;
    }

    /** Pages moved into an empty cache in one refill: 1 to maxCacheCapacity. Default 64. */
    public PagePoolBuilder refillBatch(int pages) {
        requireRange("refillBatch", pages, 1, MAX_CACHE_CAPACITY_LIMIT);
        this.refillBatch = pages;
        return this;
    }

    /** Capacity of the recycle ring, in pages: 1 to maxRingCapacity. Default 1024. */
    public PagePoolBuilder ringCapacity(int pages) {
        requireRange("ringCapacity", pages, 1, MAX_RING_SLOTS);
        this.ringCapacity = pages;
        return this;
    }

    /** The most the ring may be set to at run time: a power of two up to 2^20. Default 16384. */
    public PagePoolBuilder maxRingCapacity(int pages) {
        requirePowerOfTwo("maxRingCapacity", pages, 1, MAX_RING_SLOTS);
        this.maxRingCapacity = pages;
        return this;
    }

    /** Free slabs kept mapped instead of unmapped: 0 to 2^20. Default 1. */
    public PagePoolBuilder slabReserve(int slabs) {
        requireRange("slabReserve", slabs, 0, 1 << 20);
        this.slabReserve = slabs;
        return this;
    }

    /** Caches shared by virtual threads: a power of two from 1 to 256. Default: 2 per CPU, at most 64. */
    public PagePoolBuilder virtualStripes(int stripes) {
        requirePowerOfTwo("virtualStripes", stripes, 1, 256);
        this.virtualStripes = stripes;
        return this;
    }

    /** Whether counters are kept. Default true. {@code -Dpagepool.stats=false} removes them JVM-wide. */
    public PagePoolBuilder stats(boolean enabled) {
        this.stats = enabled;
        return this;
    }

    /** Whether pages are zeroed when handed out (the requested length, or the whole page). Default false. */
    public PagePoolBuilder zero(boolean enabled) {
        this.zero = enabled;
        return this;
    }

    /**
     * Whether slabs come from {@code mmap} when native access is enabled (default true). When
     * false, or without native access, slabs come from a JDK {@link java.lang.foreign.Arena}.
     */
    public PagePoolBuilder preferMmap(boolean enabled) {
        this.preferMmap = enabled;
        return this;
    }

    /**
     * Whether releases are checked atomically (default false). Off, a sole holder's release is a
     * plain store, and of two threads releasing one page at once (an application bug) both may
     * succeed; slabs catch the page returned twice later ({@link PagePool#audit()}), but the page
     * may meanwhile be handed to two holders. On, every release is a compare-and-set, so one of the
     * two throws {@link IllegalStateException} naming the page, at the cost of one atomic
     * instruction per release. Use it in tests and while hunting a lease bug.
     */
    public PagePoolBuilder strict(boolean enabled) {
        this.strict = enabled;
        return this;
    }

    /** Receives slab, waive and close events (the recorder's JFR hook). Default: none. */
    public PagePoolBuilder listener(PoolListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Where one-line warnings go (mapping fallbacks, stalled close). Default: stderr. */
    public PagePoolBuilder warnings(Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink, "warnings");
        return this;
    }

    /** Checks the values against each other and builds the pool. No memory is mapped yet. */
    public PagePool build() {
        requireRange("slabBytes", slabBytes, pageSize, MAX_SLAB_BYTES);
        requireRange("maxMemoryBytes", maxMemoryBytes, slabBytes, MAX_MEMORY_LIMIT);
        requireRange("cacheCapacity", cacheCapacity, 1, maxCacheCapacity);
        requireRange("refillBatch", refillBatch, 1, maxCacheCapacity);
        requireRange("ringCapacity", ringCapacity, 1, maxRingCapacity);
        return new PagePool(this);
    }

    static void requireRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " = " + value + " is out of range: allowed " + min
                    + " to " + max);
        }
    }

    static void requirePowerOfTwo(String parameter, long value, long min, long max) {
        if (value < min || value > max || Long.bitCount(value) != 1) {
            throw new IllegalArgumentException(parameter + " = " + value
                    + " is not allowed: must be a power of two from " + min + " to " + max);
        }
    }

    private static int defaultStripes() {
        int wanted = Math.min(64, 2 * Runtime.getRuntime().availableProcessors());
        return Integer.highestOneBit(Math.max(1, wanted));
    }
}
