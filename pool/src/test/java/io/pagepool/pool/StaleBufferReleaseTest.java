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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A late second {@code release(ByteBuffer)} of a view whose lease has ended must never end the
 * lease of the page's next holder: {@code allocBuffer} hands out a new view per lease, and a
 * stale view is refused with an exception naming the page. The Page API stays allocation-free
 * and is unaffected.
 */
class StaleBufferReleaseTest {
    @Test
    void aStaleViewReleasedAfterTheNextAllocBufferThrowsAndTheNewHolderKeepsItsLease() throws Exception {
        try (PagePool pool = Pools.small("stale-view", new Warnings()).build()) {
            ByteBuffer first = pool.allocBuffer(100);
            Page page = pool.pageOf(first);
            pool.release(first);
            ByteBuffer second = pool.allocBuffer(100);
            assertSame(page, pool.pageOf(second), "LIFO: the next holder gets the same page");
            assertNotSame(first, second, "each lease gets a view of its own");

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(first));
            Pools.assertNamesPageAndPool(e, pool);
            assertEquals(1, page.refCount(), "the new holder keeps its lease");
            ByteBuffer third = pool.allocBuffer(100);
            assertNotSame(page, pool.pageOf(third), "a held page is not handed out again");
            Pools.assertConsistent(pool, List.of(page, pool.pageOf(third)));

            pool.release(second);
            pool.release(third);
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void aStaleViewReleasedWhileTheNextHolderUsesThePageApiThrowsToo() throws Exception {
        try (PagePool pool = Pools.small("stale-view-page", new Warnings()).build()) {
            ByteBuffer first = pool.allocBuffer(64);
            pool.release(first);
            Page next = pool.alloc();
            assertSame(next, pool.pageOf(first), "LIFO: the same page");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(first));
            Pools.assertNamesPageAndPool(e, pool);
            assertEquals(1, next.refCount(), "the Page API holder keeps its lease");
            next.release();
            Pools.auditAndClose(pool);
        }
    }

    @Test
    void twoReleasesOfOneViewEndItsLeaseOnceAndTheSecondThrows() throws Exception {
        try (PagePool pool = Pools.small("view-twice", new Warnings()).build()) {
            ByteBuffer view = pool.allocBuffer(10);
            ByteBuffer slice = view.slice(2, 4);
            pool.release(slice); // a slice of the lease's view still releases by address
            assertThrows(IllegalStateException.class, () -> pool.release(view));
            ByteBuffer again = pool.allocBuffer(10);
            assertThrows(IllegalStateException.class, () -> pool.release(view), "stale after the next lease");
            pool.release(again);
            Pools.auditAndClose(pool);
        }
    }
}
