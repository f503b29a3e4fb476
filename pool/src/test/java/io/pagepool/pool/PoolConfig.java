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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One configuration of the contract suite: page size, mapping mode, statistics on or off, where
 * slabs come from (mmap when native access is enabled, else a JDK arena), strict releases, and
 * whether the pool is a standalone one or a class of a {@link SizeClassPool} (1 KiB to 64 KiB
 * classes under one budget, the pool under test being the class of its page size). The suite
 * runs strict, so that a release bug in the pool itself shows as an exception, plus the default
 * (non-strict) mode for 4 KiB pages.
 */
record PoolConfig(int pageSize, Mapping mapping, boolean stats, boolean mmap, boolean strict, boolean grouped) {
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Small slabs keep every configuration cheap; 256 KiB still holds 16 pages of 16 KiB. */
    static final long SLAB_BYTES = 256 << 10;
    static final long MAX_MEMORY_BYTES = 4 << 20;

    /**
     * Every page size x mapping mode x stats on/off x mmap/arena, strict (48), and 4 KiB non-strict
     * (16); and each page size as a class of a group, stats on/off, strict and not (12).
     */
    static Stream<PoolConfig> all() {
        List<PoolConfig> configs = new ArrayList<>();
        for (int pageSize : new int[] {2048, 4096, 16384}) {
            for (Mapping mapping : Mapping.values()) {
                for (boolean stats : new boolean[] {true, false}) {
                    for (boolean mmap : new boolean[] {true, false}) {
                        configs.add(new PoolConfig(pageSize, mapping, stats, mmap, true, false));
                        if (pageSize == 4096) {
                            configs.add(new PoolConfig(pageSize, mapping, stats, mmap, false, false));
                        }
                    }
                }
            }
            for (boolean stats : new boolean[] {true, false}) {
                for (boolean strict : new boolean[] {true, false}) {
                    configs.add(new PoolConfig(pageSize, Mapping.PREFAULT, stats, true, strict, true));
                }
            }
        }
        return configs.stream();
    }

    static Stream<PoolConfig> statsOn() {
        return all().filter(PoolConfig::stats);
    }

    static Stream<PoolConfig> statsOff() {
        return all().filter(c -> !c.stats());
    }

    /** A builder for this configuration, named after {@code purpose}, warnings going to {@code warnings}. */
    PagePoolBuilder builder(String purpose, Warnings warnings) {
        return PagePool.builder()
                .name(purpose + "-" + POOLS.incrementAndGet())
                .pageSize(pageSize)
                .slabBytes(SLAB_BYTES)
                .maxMemoryBytes(MAX_MEMORY_BYTES)
                .mapping(mapping)
                .stats(stats)
                .preferMmap(mmap)
                .strict(strict)
                .warnings(warnings);
    }

    /** The pool under test: a standalone pool, or the class of {@link #pageSize} of a new group. */
    PagePool build(String purpose, Warnings warnings) {
        return build(builder(purpose, warnings));
    }

    /**
     * The pool {@code b} describes (a {@link #builder} with the test's own settings): built as it
     * is, or, for a grouped configuration, as the class of its page size in a group (1 KiB to
     * 64 KiB) that takes every setting of {@code b} per class and {@code b}'s budget as its one.
     */
    PagePool build(PagePoolBuilder b) {
        if (!grouped) {
            return b.build();
        }
        SizeClassPool group = SizeClassPool.builder()
                .name(b.name)
                .minClassBytes(1024)
                .maxClassBytes(65536)
                .slabBytes(b.slabBytes)
                .maxMemoryBytes(b.maxMemoryBytes)
                .mapping(b.mapping)
                .maxCacheCapacity(b.maxCacheCapacity)
                .cacheCapacity(b.cacheCapacity)
                .refillBatch(b.refillBatch)
                .maxRingCapacity(b.maxRingCapacity)
                .ringCapacity(b.ringCapacity)
                .slabReserve(b.slabReserve)
                .stats(b.stats)
                .zero(b.zero)
                .preferMmap(b.preferMmap)
                .strict(b.strict)
                .listener(b.listener)
                .warnings(b.warnings)
                .build();
        return group.classFor(b.pageSize);
    }

    @Override
    public String toString() {
        return pageSize + " B pages, " + mapping + ", stats " + (stats ? "on" : "off") + ", "
                + (mmap ? "mmap" : "arena") + (strict ? ", strict" : "") + (grouped ? ", a size class" : "");
    }
}
