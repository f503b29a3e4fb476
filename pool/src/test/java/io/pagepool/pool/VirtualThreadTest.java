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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual threads share a few striped caches instead of getting one each: 10,000 of them
 * allocate, stamp, check and release pages (a third of them release a page another virtual
 * thread allocated), and the pool ends with a handful of caches and nothing in flight.
 */
@Timeout(120)
class VirtualThreadTest {
    private static final int THREADS = 10_000;

    private record Handoff(Page page, long token) {
    }

    @Test
    void tenThousandVirtualThreadsShareAFewStripedCachesAndLeaveNothingInFlight() throws Exception {
        try (PagePool pool = Pools.small("virtual", new Warnings()).maxMemoryBytes(16 << 20).virtualStripes(4)
                .build()) {
            ConcurrentHashMap<Page, Long> owners = new ConcurrentHashMap<>(); // Page has identity equality
            Queue<String> violations = new ConcurrentLinkedQueue<>();
            Queue<Handoff> crossing = new ConcurrentLinkedQueue<>();
            Semaphore holding = new Semaphore(512); // at most 512 pages held at once: a small budget suffices
            int pageSize = pool.pageSize();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < THREADS; i++) {
                    long token = i + 1;
                    boolean cross = i % 3 == 0;
                    boolean bulk = i % 7 == 1;
                    executor.submit(() -> {
                        holding.acquireUninterruptibly();
                        try {
                            if (!Thread.currentThread().isVirtual()) {
                                violations.add("not a virtual thread");
                            }
                            Page page;
                            if (bulk) {
                                Page[] one = new Page[1];
                                if (pool.allocBulk(one, 1) != 1) {
                                    violations.add("allocBulk returned no page");
                                    return;
                                }
                                page = one[0];
                            } else {
                                page = pool.alloc();
                            }
                            Long previous = owners.putIfAbsent(page, token);
                            if (previous != null) {
                                violations.add(page + " handed to " + token + " while held by " + previous);
                                return;
                            }
                            page.buffer().putLong(0, token).putLong(pageSize - 8, token);
                            Thread.yield(); // let other virtual threads run while this one holds the page
                            check(page, token, pageSize, violations);
                            if (cross) {
                                crossing.add(new Handoff(page, token));
                                Handoff other = crossing.poll();
                                if (other != null) {
                                    releaseChecked(pool, other.page(), other.token(), owners, pageSize, violations);
                                }
                            } else {
                                releaseChecked(pool, page, token, owners, pageSize, violations);
                            }
                        } catch (RuntimeException | AssertionError e) {
                            violations.add(e.toString());
                        } finally {
                            holding.release();
                        }
                    });
                }
            }
            Handoff left;
            while ((left = crossing.poll()) != null) {
                releaseChecked(pool, left.page(), left.token(), owners, pageSize, violations);
            }
            assertEquals(List.of(), List.copyOf(violations), "no page was shared or overwritten");
            assertTrue(owners.isEmpty(), "every page was released");

            PoolStats stats = pool.stats();
            long stripes = pool.cacheStats().stream().filter(CacheStats::virtualStripe).count();
            assertEquals(4, stripes);
            long platformCaches = stats.threadCaches() - stripes;
            assertTrue(platformCaches <= 1, "only this thread may have a cache of its own: "
                    + pool.cacheStats());
            assertTrue(stats.threadCaches() < 100, "far fewer caches than virtual threads: " + stats.threadCaches());
            assertEquals(THREADS, stats.allocPages());
            assertEquals(THREADS, stats.releasePages());
            assertEquals(0, stats.inflightPages());
            assertTrue(stats.bytesMapped() <= pool.maxMemoryBytes());
            Pools.auditAndClose(pool);
        }
    }

    private static void check(Page page, long token, int pageSize, Queue<String> violations) {
        long head = page.buffer().getLong(0);
        long tail = page.buffer().getLong(pageSize - 8);
        if (head != token || tail != token) {
            violations.add(page + " of holder " + token + " was overwritten: " + head + "/" + tail);
        }
    }

    private static void releaseChecked(PagePool pool, Page page, long token, ConcurrentHashMap<Page, Long> owners,
            int pageSize, Queue<String> violations) {
        check(page, token, pageSize, violations);
        if (!owners.remove(page, token)) {
            violations.add(page + " was not owned by " + token + " at release");
        }
        if (token % 2 == 0) {
            page.release();
        } else {
            pool.release(page.buffer().slice(16, 16));
        }
    }
}
