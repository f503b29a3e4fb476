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

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A closed pool must not stay reachable from the threads that used it: a pooled worker thread
 * lives on after the pool is gone, and every pool it ever touched (with all its page handles,
 * slabs and views) would otherwise pile up in its thread-locals.
 */
@Timeout(60)
class ClosedPoolReachabilityTest {

    @Test
    void aClosedPoolIsNotKeptReachableByALiveThreadThatUsedIt() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(); // one platform thread that stays alive
        try {
            WeakReference<PagePool> pool = useAndClose(worker);
            for (int i = 0; i < 50 && pool.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertNull(pool.get(), "the closed pool is still reachable (from the live worker's thread-local cache?)");
        } finally {
            worker.shutdownNow();
        }
    }

    private static WeakReference<PagePool> useAndClose(ExecutorService worker) throws Exception {
        PagePool pool = Pools.small("reachability", new Warnings()).build();
        try (pool) {
            // the worker fills its cache, then takes 40 pages out of it and hands them over
            List<Page> handedOver = worker.submit(() -> {
                List<Page> pages = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    pages.add(pool.alloc());
                }
                pages.forEach(Page::release);
                pages.clear();
                for (int i = 0; i < 40; i++) {
                    pages.add(pool.alloc());
                }
                return pages;
            }).get();
            pool.close();
            handedOver.forEach(Page::release); // after close: straight back to their slabs
            handedOver.clear();
            worker.submit(() -> pool.tryAlloc()).get(); // the worker's next call returns its cached pages
            assertTrue(pool.awaitClosed(Duration.ofSeconds(10)), () -> "fully closed: " + pool.stats());
        }
        return new WeakReference<>(pool);
    }
}
