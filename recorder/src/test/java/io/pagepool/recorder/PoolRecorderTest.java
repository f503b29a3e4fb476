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
package io.pagepool.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.MBeanServer;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Registering pools: names, misuse, and that the recorder never keeps a pool reachable. */
@Timeout(60)
class PoolRecorderTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path tmp;

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void registerIsIdempotentPerPoolAndNamesAreUnique() {
        String name = unique("names");
        try (PagePool pool = PagePool.builder().name(name).build();
             PagePool twin = PagePool.builder().name(name).build()) {
            assertSame(pool, PoolRecorder.register(pool));
            assertSame(pool, PoolRecorder.register(pool, 8), "again: only the interval changes");
            assertTrue(PoolRecorder.isRegistered(pool));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PoolRecorder.register(twin));
            assertTrue(e.getMessage().contains("'" + name + "'"), e::getMessage);
            assertFalse(PoolRecorder.isRegistered(twin));
            assertTrue(PoolRecorder.unregister(pool));
            assertFalse(PoolRecorder.unregister(pool), "not registered any more");
            assertSame(twin, PoolRecorder.register(twin), "the name is free again");
            assertTrue(PoolRecorder.unregister(twin));
        }
    }

    @Test
    void misuseIsRejectedAndLeavesNothingRegistered() {
        String name = unique("misuse");
        PagePool pool = PagePool.builder().name(name).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolRecorder.register(pool, 0));
        assertTrue(e.getMessage().contains("fastPathInterval = 0"), e::getMessage);
        assertFalse(PoolRecorder.isRegistered(pool));
        assertFalse(server.isRegistered(PoolRecorder.objectName(name)));
        pool.close();
        assertThrows(IllegalStateException.class, () -> PoolRecorder.register(pool));
    }

    @Test
    void unregisterRemovesTheSampler() throws Exception {
        Path file = tmp.resolve("sampler.jfr");
        String name = unique("sampler");
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name(name).build(), 1);
             Recording recording = new Recording()) {
            recording.enable(EventNames.ALLOCATION_SAMPLE).with("throttle", "off");
            recording.start();
            for (int i = 0; i < 10; i++) {
                pool.alloc().release();
            }
            PoolRecorder.unregister(pool);
            for (int i = 0; i < 10; i++) {
                pool.alloc().release();
            }
            recording.stop();
            recording.dump(file);
        }
        assertEquals(10, TestRecordings.events(file, EventNames.ALLOCATION_SAMPLE, name).size(),
                "samples before unregister only");
    }

    @Test
    void aClosedPoolLosesItsMxBeanAtOnceAndIsForgottenAtTheNextPeriod() throws Exception {
        String name = unique("closing");
        WeakReference<PagePool> ref = closeRegisteredPool(name);
        assertFalse(server.isRegistered(PoolRecorder.objectName(name)), "the closed callback removed the MXBean");
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.POOL_STATISTICS).withPeriod(Duration.ofMillis(50));
            recording.start();
            assertTrue(TestRecordings.await(Duration.ofSeconds(10), () -> ref.get() == null
                    || !PoolRecorder.isRegistered(ref.get())), "the periodic hook forgot the fully closed pool");
        }
        assertTrue(awaitCollected(ref), "nothing of the recorder keeps a closed pool reachable");
    }

    private static WeakReference<PagePool> closeRegisteredPool(String name) throws InterruptedException {
        PagePool pool = PoolRecorder.register(PagePool.builder().name(name).listener(PoolRecorder.listener())
                .build(), 1);
        for (int i = 0; i < 100; i++) {
            pool.alloc().release();
        }
        pool.close();
        assertTrue(pool.awaitClosed(Duration.ofSeconds(10)));
        return new WeakReference<>(pool);
    }

    @Test
    void aPoolDroppedWithoutCloseIsCollectedAndItsNameFreedAtTheNextRegister() throws Exception {
        String name = unique("dropped");
        WeakReference<PagePool> ref = registerAndDrop(name);
        assertTrue(awaitCollected(ref), "registrations and the MXBean hold pools weakly");
        assertTrue(server.isRegistered(PoolRecorder.objectName(name)), "no sweep has run yet");
        try (PagePool other = PagePool.builder().name(name).build()) {
            assertSame(other, PoolRecorder.register(other), "register swept the collected pool's registration");
            assertTrue(PoolRecorder.unregister(other));
        }
    }

    private static WeakReference<PagePool> registerAndDrop(String name) {
        PagePool pool = PoolRecorder.register(PagePool.builder().name(name).build(), 1);
        return new WeakReference<>(pool);
    }

    private static boolean awaitCollected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }

    @Test
    void theListenerChainsToTheNextListener() {
        int[] waived = new int[1];
        String name = unique("chain");
        try (PagePool pool = PagePool.builder().name(name).listener(new PoolEventListener(
                new io.pagepool.pool.PoolListener() {
                    @Override
                    public void waived(PagePool p, io.pagepool.pool.WaiveReason reason, long bytes) {
                        waived[0]++;
                    }
                })).build()) {
            pool.countWaive(io.pagepool.pool.WaiveReason.SIZE, 1 << 20);
            assertEquals(1, waived[0]);
        }
    }
}
