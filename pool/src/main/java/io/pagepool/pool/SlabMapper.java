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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Gets slab memory from the OS and applies the {@link Mapping} once.
 *
 * <p>With native access enabled the memory comes from {@code mmap} (aligned, so huge pages
 * work) and {@code munmap} runs when the slab's arena closes. Without it the memory comes from
 * a shared {@link Arena}, which needs no restricted call (the JDK zeroes it, so such slabs are
 * pre-faulted whatever the mode). Either way every view of the slab is tied to one shared arena:
 * once a slab is returned, a stale view throws {@link IllegalStateException} instead of
 * touching unmapped memory.
 */
final class SlabMapper {
    /** The OS page every pre-fault touch steps by. */
    private static final int OS_PAGE_BYTES = 4096;

    /** A mapped slab region; {@code fallbackReason} is null when {@code applied} was requested. */
    record Region(Arena arena, MemorySegment segment, Mapping applied, String fallbackReason) {
    }

    private final Mapping requested;
    private final boolean nativeCalls;
    /** mmap alignment: a huge page (or the slab, if smaller), so HUGEPAGE slabs get huge pages. */
    private final long mmapAlignBytes;
    /** Arena alignment: a page. More would make the JDK allocate and zero size + alignment. */
    private final long arenaAlignBytes;

    SlabMapper(Mapping requested, boolean nativeCalls, long slabBytes, int pageSize) {
        this.requested = requested;
        this.nativeCalls = nativeCalls;
        this.mmapAlignBytes = Math.max(pageSize, Math.min(slabBytes, NativeMemory.HUGE_PAGE_BYTES));
        this.arenaAlignBytes = Math.max(pageSize, OS_PAGE_BYTES);
    }

    /** True when slabs come from {@code mmap}, false when from a JDK arena. */
    Mapping requested() {
        return requested;
    }

    boolean usesMmap() {
        return nativeCalls;
    }

    /** Maps {@code bytes}; throws {@link OutOfMemoryError} when the OS refuses. */
    @SuppressWarnings("restricted") // reinterpret: only reached when native access is enabled
    Region map(long bytes) {
        if (!nativeCalls) {
            Arena arena = Arena.ofShared();
            MemorySegment segment = arena.allocate(bytes, arenaAlignBytes);
            String reason = requested.needsNativeCalls()
                    ? requested + " needs native access: run the JVM with " + NativeMemory.NATIVE_ACCESS_FLAG
                    : null;
            return new Region(arena, segment, reason == null ? requested : Mapping.PREFAULT, reason);
        }
        long address = NativeMemory.mmap(bytes, mmapAlignBytes);
        Arena arena = Arena.ofShared();
        MemorySegment segment = MemorySegment.ofAddress(address)
                .reinterpret(bytes, arena, s -> NativeMemory.munmap(s.address(), bytes));
        Mapping applied = requested;
        String reason = null;
        switch (requested) {
            case PLAIN -> { }
            case PREFAULT -> populate(segment);
            case HUGEPAGE -> {
                int errno = NativeMemory.madviseHugePage(address, bytes);
                if (errno != 0) {
                    applied = Mapping.PREFAULT;
                    reason = "madvise(MADV_HUGEPAGE) failed with errno " + errno;
                }
                populate(segment);
            }
            case PINNED -> {
                int errno = NativeMemory.mlock(address, bytes);
                if (errno != 0) {
                    applied = Mapping.PREFAULT;
                    reason = "mlock refused with errno " + errno
                            + " (RLIMIT_MEMLOCK too small? raise 'ulimit -l')";
                    populate(segment);
                }
            }
        }
        return new Region(arena, segment, applied, reason);
    }

    /**
     * Faults in mmapped memory so that later accesses take no page fault: one
     * {@code madvise(MADV_POPULATE_WRITE)}, or on kernels before 5.14 a touch per OS page.
     */
    private static void populate(MemorySegment segment) {
        if (NativeMemory.madvisePopulateWrite(segment.address(), segment.byteSize()) != 0) {
            for (long offset = 0; offset < segment.byteSize(); offset += OS_PAGE_BYTES) {
                segment.set(ValueLayout.JAVA_BYTE, offset, (byte) 0);
            }
        }
    }
}
