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
package io.pagepool.agent.runtime;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolAudit;
import io.pagepool.pool.SizeClassPool;
import io.pagepool.tuner.SiteSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site's figures and mode at run time, through {@link BufferSwap}: pages served and returned by
 * each path are credited to the site that took them; at the JDK a site's calls never touch the pool;
 * switching modes with pages out loses no page and releases none twice.
 */
class AllocationSiteTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private SizeClassPool group;
    /** The group's one class, 4 KiB. */
    private PagePool pool;
    private BufferSwap swap;

    @BeforeEach
    void start() {
        group = SizeClassPool.builder().name("site-test").minClassBytes(4096).maxClassBytes(4096).slabBytes(64 << 10)
                .maxMemoryBytes(4 << 20).build();
        pool = group.classes().getFirst();
        swap = new BufferSwap(group);
    }

    @AfterEach
    void close() {
        group.close();
    }

    /** A new site of the JVM's table. */
    private static AllocationSite site() {
        int n = NAMES.incrementAndGet();
        int id = SiteTable.global().register("test.Sites" + n, "allocate", "()V", n, 0, "test.Sites" + n
                + ".allocate() line " + n);
        return SiteTable.global().site(id);
    }

    @Test
    void pagesServedAndReturnedByEachPathAreCreditedToTheirSite() throws InterruptedException {
        AllocationSite a = site();
        AllocationSite b = site();
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(swap.allocateTracked(1000, a.id()));
        }
        ByteBuffer other = swap.allocateTracked(1000, b.id());
        assertEquals(new SiteFigures(10, 0, 0, 0, 0, 0, 10, 0), a.figures());
        assertTrue(swap.release(out.get(0), ReleasePath.API));
        assertTrue(swap.release(out.get(1), ReleasePath.METHOD));
        assertTrue(swap.release(out.get(2), ReleasePath.SCOPED));
        assertFalse(swap.release(out.get(0), ReleasePath.API), "a second release is ignored");
        out.subList(0, 3).clear();
        assertEquals(new SiteFigures(10, 1, 1, 0, 1, 0, 7, 0), a.figures());
        assertTrue(a.figures().returnedExplicit() == 3);
        out.clear(); // the other 7 become unreachable
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (a.figures().returnedReachability() < 7 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
            swap.drainUnreachable();
        }
        assertEquals(new SiteFigures(10, 1, 1, 0, 1, 7, 0, 0), a.figures());
        assertEquals(new SiteFigures(1, 0, 0, 0, 0, 0, 1, 0), b.figures(), "the other site's own");
        assertTrue(swap.release(other, ReleasePath.API));
    }

    @Test
    void aSiteAtTheJdkNeverTouchesThePool() {
        AllocationSite site = site();
        assertTrue(SiteTable.global().decide(site.id(), SiteMode.JDK, "test"));
        long taken = pool.stats().allocPages();
        long waived = pool.stats().allocWaive();
        for (int i = 0; i < 100; i++) {
            ByteBuffer b = swap.allocateTracked(1000, site.id());
            assertTrue(b.isDirect());
            assertEquals(1000, b.capacity());
            assertFalse(swap.isPooled(b));
            assertEquals(null, pool.findPage(b));
        }
        assertEquals(taken, pool.stats().allocPages());
        assertEquals(waived, pool.stats().allocWaive(), "not a waive either");
        assertEquals(new SiteFigures(0, 0, 0, 0, 0, 0, 0, 100), site.figures());
    }

    @Test
    void aRequestThePoolDeclinesCountsAsServedByTheJdk() {
        AllocationSite site = site();
        assertFalse(swap.isPooled(swap.allocateTracked(8192, site.id()))); // larger than a page
        assertEquals(new SiteFigures(0, 0, 0, 0, 0, 0, 0, 1), site.figures());
    }

    @Test
    void switchingModesWithPagesOutLosesNoPageAndReleasesNoneTwice() {
        AllocationSite site = site();
        List<ByteBuffer> pooled = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ByteBuffer b = swap.allocateTracked(4096, site.id());
            b.putInt(0, i);
            pooled.add(b);
        }
        SiteTable.global().decide(site.id(), SiteMode.JDK, "test");
        List<ByteBuffer> jdk = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            jdk.add(swap.allocateTracked(4096, site.id()));
        }
        SiteTable.global().decide(site.id(), SiteMode.POOLED, "test");
        List<ByteBuffer> again = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            again.add(swap.allocateTracked(4096, site.id()));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, pooled.get(i).getInt(0), "a page lent before the switch kept its holder");
            assertTrue(swap.release(pooled.get(i), ReleasePath.API));
            assertFalse(swap.release(pooled.get(i), ReleasePath.API));
            assertFalse(swap.release(jdk.get(i), ReleasePath.API), "a JDK buffer is not the pool's");
            assertTrue(swap.release(again.get(i), ReleasePath.METHOD));
        }
        assertEquals(new SiteFigures(200, 0, 100, 0, 100, 0, 0, 100), site.figures());
        assertEquals(0, pool.stats().inflightPages());
        PoolAudit audit = pool.audit();
        assertTrue(audit.isConsistent(), audit.problems()::toString);
        assertEquals(0, audit.duplicatePages());
        assertEquals(0, audit.doubleReturnsDropped());
        assertEquals(pool.stats().pagesMapped(), audit.freePagesSeen(), "every page is free again");
    }

    @Test
    void figuresFromManyThreadsAreExact() throws Exception {
        AllocationSite site = site();
        int threads = 4;
        int rounds = 20_000;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        ByteBuffer b = swap.allocateTracked(100, site.id());
                        if (!swap.release(b, ReleasePath.API)) {
                            throw new AssertionError("not released");
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdown();
        }
        long total = (long) threads * rounds;
        assertEquals(new SiteFigures(total, 0, 0, 0, total, 0, 0, 0), site.figures());
    }

    @Test
    void whileASiteIsAtTheJdkTheTunersRefreshReturnsThePagesOfUnreachableBuffers() throws InterruptedException {
        AllocationSite site = site();
        TunedSites tuned = new TunedSites(SiteTable.global(), swap);
        for (int i = 0; i < 300; i++) {
            swap.allocateTracked(1000, site.id()).put(0, (byte) i); // dropped at once
        }
        SiteTable.global().decide(site.id(), SiteMode.JDK, "test"); // no pooled call drains from now on
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (site.figures().returnedReachability() < 300 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
            tuned.refresh(); // more than one batch of 256 at once
        }
        assertEquals(new SiteFigures(300, 0, 0, 0, 0, 300, 0, 0), site.figures());
        assertEquals(new SiteSample(300, 0, 300, 0, 0, false, false), tuned.sample(site.id()));
        SiteTable.global().decide(site.id(), SiteMode.POOLED, "test");
    }

    @Test
    void theUnattributedSiteServesCallsWithoutAnId() {
        SiteFigures before = SiteTable.global().site(SiteTable.UNATTRIBUTED).figures();
        ByteBuffer b = swap.allocateTracked(100);
        assertTrue(swap.isPooled(b));
        assertEquals(before.served() + 1, SiteTable.global().site(SiteTable.UNATTRIBUTED).figures().served());
        assertTrue(swap.release(b, ReleasePath.API));
    }
}
