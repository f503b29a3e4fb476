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

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Configures and builds a {@link SizeClassPool}. The group's own settings are the classes' range
 * ({@link #minClassBytes}, {@link #maxClassBytes}), the one budget ({@link #maxMemoryBytes}) and
 * the floor per active class ({@link #classFloorBytes}); every other setting applies to each class
 * as {@link PagePoolBuilder}'s does, with its validation and messages. Values that depend on each
 * other are checked again by {@link #build()}.
 */
public final class SizeClassPoolBuilder {
    private static final AtomicInteger GROUPS = new AtomicInteger();
    /** Default smallest class: see {@link SizeClassPool} for why 1 KiB and not 512 B. */
    static final int DEFAULT_MIN_CLASS_BYTES = 1024;
    static final int DEFAULT_MAX_CLASS_BYTES = 64 << 10;

    /** Per-class settings (pageSize, name, maxMemoryBytes and the budget are set per class at build). */
    private final PagePoolBuilder perClass = PagePool.builder();
    private String name = "sizeclasses-" + GROUPS.incrementAndGet();
    private int minClassBytes = DEFAULT_MIN_CLASS_BYTES;
    private int maxClassBytes = DEFAULT_MAX_CLASS_BYTES;
    private long maxMemoryBytes = 1L << 30;
    /** -1: the default, half the budget split evenly over the classes. */
    private long classFloorBytes = -1;

    SizeClassPoolBuilder() {
    }

    /** The group's name; class {@code n} bytes is named {@code name-<n>} (e.g. {@code agent-2k}). */
    public SizeClassPoolBuilder name(String name) {
        perClass.name(name);
        this.name = name;
        return this;
    }

    /** The smallest class: a power of two from 512 B to 1 MiB. Default 1 KiB. */
    public SizeClassPoolBuilder minClassBytes(int bytes) {
        PagePoolBuilder.requirePowerOfTwo("minClassBytes", bytes, PagePoolBuilder.MIN_CLASS_BYTES,
                PagePoolBuilder.MAX_CLASS_BYTES);
        this.minClassBytes = bytes;
        return this;
    }

    /** The largest class: a power of two from 512 B to 1 MiB. Default 64 KiB. Larger requests are waived (SIZE). */
    public SizeClassPoolBuilder maxClassBytes(int bytes) {
        PagePoolBuilder.requirePowerOfTwo("maxClassBytes", bytes, PagePoolBuilder.MIN_CLASS_BYTES,
                PagePoolBuilder.MAX_CLASS_BYTES);
        this.maxClassBytes = bytes;
        return this;
    }

    /** The one budget: the most bytes all classes map at once, from one slab to 1 TiB. Default 1 GiB. */
    public SizeClassPoolBuilder maxMemoryBytes(long bytes) {
        PagePoolBuilder.requireRange("maxMemoryBytes", bytes, PagePoolBuilder.MIN_SLAB_BYTES,
                PagePoolBuilder.MAX_MEMORY_LIMIT);
        this.maxMemoryBytes = bytes;
        return this;
    }

    /**
     * What every active class may always map, whatever the others took: 0 to maxMemoryBytes /
     * classes. Default: half the budget split evenly over the classes.
     */
    public SizeClassPoolBuilder classFloorBytes(long bytes) {
        PagePoolBuilder.requireRange("classFloorBytes", bytes, 0, PagePoolBuilder.MAX_MEMORY_LIMIT);
        this.classFloorBytes = bytes;
        return this;
    }

    /**
     * Bytes per slab: a power of two from 64 KiB to 1 GiB. Default 2 MiB. A class larger than a
     * slab maps slabs of one page (its own size).
     */
    public SizeClassPoolBuilder slabBytes(long bytes) {
        perClass.slabBytes(bytes);
        return this;
    }

    /** How slabs are mapped. Default {@link Mapping#PREFAULT}. */
    public SizeClassPoolBuilder mapping(Mapping mapping) {
        perClass.mapping(mapping);
        return this;
    }

    /**
     * Initial capacity of each thread cache of each class, in pages; classes above 64 KiB get the
     * same bytes as the 64 KiB class (at least one page). Default 128.
     */
    public SizeClassPoolBuilder cacheCapacity(int pages) {
        perClass.cacheCapacity(pages);
        return this;
    }

    /** The most any cache of a class may be set to, in pages. Default 4096. */
    public SizeClassPoolBuilder maxCacheCapacity(int pages) {
        perClass.maxCacheCapacity(pages);
        return this;
    }

    /** Pages moved into an empty cache in one refill; scaled above 64 KiB as {@link #cacheCapacity}. Default 64. */
    public SizeClassPoolBuilder refillBatch(int pages) {
        perClass.refillBatch(pages);
        return this;
    }

    /** Capacity of each class's recycle ring, in pages. Default 1024. */
    public SizeClassPoolBuilder ringCapacity(int pages) {
        perClass.ringCapacity(pages);
        return this;
    }

    /** The most each ring may be set to at run time: a power of two up to 2^20. Default 16384. */
    public SizeClassPoolBuilder maxRingCapacity(int pages) {
        perClass.maxRingCapacity(pages);
        return this;
    }

    /** Free slabs each class keeps mapped instead of unmapped. Default 1. */
    public SizeClassPoolBuilder slabReserve(int slabs) {
        perClass.slabReserve(slabs);
        return this;
    }

    /** Caches shared by virtual threads, per class. Default: 2 per CPU, at most 64. */
    public SizeClassPoolBuilder virtualStripes(int stripes) {
        perClass.virtualStripes(stripes);
        return this;
    }

    /** Whether counters are kept. Default true. */
    public SizeClassPoolBuilder stats(boolean enabled) {
        perClass.stats(enabled);
        return this;
    }

    /** Whether pages are zeroed when handed out (the requested length). Default false. */
    public SizeClassPoolBuilder zero(boolean enabled) {
        perClass.zero(enabled);
        return this;
    }

    /** Whether slabs come from {@code mmap} when native access is enabled. Default true. */
    public SizeClassPoolBuilder preferMmap(boolean enabled) {
        perClass.preferMmap(enabled);
        return this;
    }

    /** Whether releases are checked atomically ({@link PagePoolBuilder#strict}). Default false. */
    public SizeClassPoolBuilder strict(boolean enabled) {
        perClass.strict(enabled);
        return this;
    }

    /** Receives every class's slab, waive and close events. Default: none. */
    public SizeClassPoolBuilder listener(PoolListener listener) {
        perClass.listener(listener);
        return this;
    }

    /** Where one-line warnings go. Default: stderr. */
    public SizeClassPoolBuilder warnings(Consumer<String> sink) {
        perClass.warnings(sink);
        return this;
    }

    /** Checks the values against each other and builds the group. No memory is mapped yet. */
    public SizeClassPool build() {
        PagePoolBuilder.requireRange("maxClassBytes", maxClassBytes, minClassBytes, PagePoolBuilder.MAX_CLASS_BYTES);
        long largestSlab = slabBytesOf(maxClassBytes);
        PagePoolBuilder.requireRange("maxMemoryBytes", maxMemoryBytes, largestSlab, PagePoolBuilder.MAX_MEMORY_LIMIT);
        int classCount = Integer.numberOfTrailingZeros(maxClassBytes) - Integer.numberOfTrailingZeros(minClassBytes)
                + 1;
        long floor = classFloorBytes >= 0 ? classFloorBytes : maxMemoryBytes / (2L * classCount);
        PagePoolBuilder.requireRange("classFloorBytes", floor, 0, maxMemoryBytes / classCount);
        SharedBudget budget = new SharedBudget(maxMemoryBytes, floor, classCount);
        PagePool[] classes = new PagePool[classCount];
        for (int i = 0; i < classCount; i++) {
            int bytes = minClassBytes << i;
            PagePoolBuilder b = copyOf(perClass);
            b.classBytes(bytes).name(name + "-" + SizeClassPool.sizeLabel(bytes)).slabBytes(slabBytesOf(bytes))
                    .maxMemoryBytes(maxMemoryBytes);
            b.cacheCapacity = scaled(perClass.cacheCapacity, bytes);
            b.refillBatch = scaled(perClass.refillBatch, bytes);
            b.budget = budget.account(i);
            classes[i] = b.build();
        }
        return new SizeClassPool(name, classes, budget);
    }

    /**
     * A cache setting in pages for a class: as given up to 64 KiB (a standalone pool's largest
     * page); above, scaled down to the bytes the 64 KiB class holds (at least one page), so that a
     * thread's cache of 1 MiB pages does not park 128 MiB of the budget.
     */
    static int scaled(int pages, int classBytes) {
        return classBytes <= PagePoolBuilder.MAX_PAGE_SIZE ? pages
                : Math.max(1, (int) ((long) pages * PagePoolBuilder.MAX_PAGE_SIZE / classBytes));
    }

    /** A class's slab: slabBytes, or one page of the class when that is larger. */
    private long slabBytesOf(int classBytes) {
        return Math.max(perClass.slabBytes, classBytes);
    }

    private static PagePoolBuilder copyOf(PagePoolBuilder from) {
        PagePoolBuilder b = PagePool.builder();
        b.mapping = from.mapping;
        b.cacheCapacity = from.cacheCapacity;
        b.maxCacheCapacity = from.maxCacheCapacity;
        b.refillBatch = from.refillBatch;
        b.ringCapacity = from.ringCapacity;
        b.maxRingCapacity = from.maxRingCapacity;
        b.slabReserve = from.slabReserve;
        b.virtualStripes = from.virtualStripes;
        b.stats = from.stats;
        b.zero = from.zero;
        b.preferMmap = from.preferMmap;
        b.strict = from.strict;
        b.listener = from.listener;
        b.warnings = from.warnings;
        return b;
    }
}
