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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocation sampler hook (the recorder's AllocationSample source) and lease generations. */
class AllocationSamplerTest {

    private record Sample(AllocationPath path, Page page, long bytes) {
    }

    @Test
    void samplesEveryNthFastAllocationAndEverySlowerOne() {
        try (PagePool pool = Pools.small("sampler", new Warnings()).maxMemoryBytes(256 << 10).build()) {
            List<Sample> samples = new ArrayList<>();
            pool.setAllocationSampler((p, path, page, bytes) -> {
                assertSame(pool, p);
                samples.add(new Sample(path, page, bytes));
            }, 4);

            Page first = pool.alloc(); // empty cache and ring: carved from a new slab
            assertEquals(List.of(new Sample(AllocationPath.SLOW, first, 4096)), samples);
            first.release();
            samples.clear();

            for (int i = 0; i < 40; i++) {
                pool.release(pool.allocBuffer(100));
                pool.alloc().release();
            }
            // these all popped the same few pages: 80 fast-path allocations, every 4th sampled
            Map<AllocationPath, Integer> byPath = new EnumMap<>(AllocationPath.class);
            samples.forEach(s -> byPath.merge(s.path(), 1, Integer::sum));
            assertEquals(Map.of(AllocationPath.FAST, 20), byPath, samples::toString);
            assertTrue(samples.stream().allMatch(s -> s.page() != null && s.page().refCount() >= 0));
        }
    }

    @Test
    void samplesFragmentPagesWithTheFragmentSizeAndNoLease() {
        try (PagePool pool = Pools.small("sampler-fragment", new Warnings()).build()) {
            List<Sample> samples = new ArrayList<>();
            pool.setAllocationSampler((p, path, page, bytes) -> samples.add(new Sample(path, page, bytes)), 1);
            pool.release(pool.allocFragment(100)); // the fragment page is carved from a new slab
            assertEquals(List.of(new Sample(AllocationPath.SLOW, null, 100)), samples,
                    "the request's size; the fragment page is no caller's lease");
        }
    }

    @Test
    void samplesBulkAllocationsAndVirtualThreadsToo() throws Exception {
        try (PagePool pool = Pools.small("sampler-bulk", new Warnings()).build()) {
            List<Sample> samples = new ArrayList<>();
            pool.setAllocationSampler((p, path, page, bytes) -> {
                synchronized (samples) {
                    samples.add(new Sample(path, page, bytes));
                }
            }, 1);
            Page[] pages = new Page[8];
            assertEquals(8, pool.allocBulk(pages, 8)); // one refill from a new slab, then pops
            assertEquals(List.of(AllocationPath.SLOW, AllocationPath.FAST),
                    samples.stream().map(Sample::path).toList());
            pool.releaseBulk(pages, 8);

            samples.clear();
            // a stripe's countdown starts at the check interval, then follows the sampler's interval
            int allocations = PoolEvents.SAMPLER_CHECK_INTERVAL + 100;
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < allocations; i++) {
                    pool.alloc().release();
                }
            }).join();
            long fast = samples.stream().filter(s -> s.path() == AllocationPath.FAST).count();
            assertTrue(fast >= 100, fast + " fast-path samples on a virtual thread");
        }
    }

    @Test
    void samplesWaivesWithNoPageAndStopsWhenRemoved() {
        try (PagePool pool = Pools.small("sampler-waive", new Warnings()).maxMemoryBytes(256 << 10).build()) {
            List<Sample> samples = new ArrayList<>();
            pool.setAllocationSampler((p, path, page, bytes) -> samples.add(new Sample(path, page, bytes)), 1);
            List<Page> held = new ArrayList<>();
            Page page;
            while ((page = pool.tryAlloc()) != null) {
                held.add(page);
            }
            Sample last = samples.getLast();
            assertEquals(AllocationPath.WAIVE, last.path());
            assertNull(last.page());
            assertEquals(held.size() + 1, samples.size(), "one sample per allocation at interval 1");

            pool.setAllocationSampler(null, 1);
            int before = samples.size();
            held.forEach(Page::release);
            for (int i = 0; i < 10; i++) {
                pool.alloc().release();
            }
            assertEquals(before, samples.size(), "no samples once the sampler is removed");
        }
    }

    @Test
    void aThrowingSamplerIsReportedOnceAndNeverBreaksAllocation() {
        Warnings warnings = new Warnings();
        try (PagePool pool = Pools.small("sampler-throws", warnings).build()) {
            pool.setAllocationSampler((p, path, page, bytes) -> {
                throw new IllegalStateException("boom");
            }, 1);
            for (int i = 0; i < 10; i++) {
                pool.alloc().release();
            }
            assertEquals(1, warnings.lines().stream().filter(l -> l.contains("boom")).count(), warnings::toString);
        }
    }

    @Test
    void aBadIntervalIsRejectedNamingTheParameter() {
        try (PagePool pool = Pools.small("sampler-bad", new Warnings()).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.setAllocationSampler((p, path, page, bytes) -> { }, 0));
            assertTrue(e.getMessage().contains("fastPathInterval = 0"), e::getMessage);
        }
    }

    @Test
    void everyHandOutStartsANewGenerationOfThePage() {
        try (PagePool pool = Pools.small("generation", new Warnings()).build()) {
            Page page = pool.alloc();
            int first = page.generation();
            page.release();
            Page again = pool.alloc();
            assertSame(page, again, "LIFO reuse on one thread");
            assertEquals(first + 1, again.generation());
            again.retain();
            assertEquals(first + 1, again.generation(), "retain is the same lease");
            again.release();
            again.release();
            assertNotEquals(first + 1, pool.alloc().generation());
        }
    }
}
