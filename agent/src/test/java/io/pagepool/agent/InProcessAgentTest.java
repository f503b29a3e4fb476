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
package io.pagepool.agent;

import example.packets.LoadedEarly;
import example.packets.PacketCode;
import example.packets.Sink;
import example.packets.Untouched;
import io.pagepool.PagePools;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.ReleasePath;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent installed into this JVM with ByteBuddy's self-attach: call sites rewritten in classes
 * loaded after it started and before, the {@code release=} advice, the public API. One agent
 * per JVM, so this is the only in-process test that starts one.
 */
class InProcessAgentTest {
    private static BufferSwap swap;

    @BeforeAll
    static void startAgent() {
        ByteBuffer before = LoadedEarly.allocate(64); // loads and runs the class before the agent
        assertFalse(PagePools.isPooled(before), "no agent yet");
        Instrumentation inst = ByteBuddyAgent.install();
        PagePoolAgent.start("pageSize=2048,tune=off,scope=off,exclude=example.packets.Untouched,"
                + "release=example.packets.Sink#consume;example.packets.Sink#consumeThenFail", inst, false);
        RunningAgent started = PagePoolAgent.started();
        assertNotNull(started, "agent started");
        swap = started.swap();
        assertTrue(System.getProperty(PagePoolAgent.STATUS_PROPERTY).startsWith("running"));
    }

    @Test
    void callSitesInAppClassesAreServedByThePool() {
        long before = swap.swapped();
        ByteBuffer b = PacketCode.allocate(1500);
        assertTrue(PagePools.isPooled(b));
        assertEquals(1500, b.capacity());
        assertTrue(PagePools.isPooled(PacketCode.viaMethodReference(100)), "method reference rewritten");
        assertTrue(PagePools.isPooled(new PacketCode.Frame(200).buffer), "constructor rewritten");
        assertEquals(before + 3, swap.swapped());
        assertTrue(PagePools.release(b));
        assertFalse(PagePools.release(b), "second release is ignored");
    }

    @Test
    void classesLoadedBeforeTheAgentAreRetransformed() {
        assertTrue(PagePools.isPooled(LoadedEarly.allocate(64)));
    }

    @Test
    void excludedClassesKeepTheJdkPath() {
        ByteBuffer b = Untouched.allocate(64);
        assertTrue(b.isDirect());
        assertFalse(PagePools.isPooled(b));
    }

    @Test
    void largerThanAPageGoesToTheJdk() {
        long waived = swap.pool().stats().waiveSize();
        ByteBuffer b = PacketCode.allocate(2049);
        assertFalse(PagePools.isPooled(b));
        assertEquals(2049, b.capacity());
        assertEquals(waived + 1, swap.pool().stats().waiveSize());
    }

    @Test
    void releaseMethodsReturnTheirArgumentWhenTheyReturnOrThrow() {
        long method = swap.released(ReleasePath.METHOD);
        ByteBuffer b = PacketCode.allocate(100);
        Sink.consume(b);
        assertFalse(PagePools.isPooled(b), "released after consume returned");
        ByteBuffer c = PacketCode.allocate(100);
        assertThrows(IllegalStateException.class, () -> Sink.consumeThenFail(c));
        assertFalse(PagePools.isPooled(c), "released after consumeThenFail threw");
        Sink.consume(ByteBuffer.allocate(10)); // a heap buffer is not the pool's: ignored, no harm
        assertEquals(method + 2, swap.released(ReleasePath.METHOD));
    }

    @Test
    void droppedBuffersComeBackOnceUnreachable() throws InterruptedException {
        long before = swap.released(ReleasePath.REACHABILITY);
        for (int i = 0; i < 100; i++) {
            PacketCode.allocate(512).put(0, (byte) i); // dropped at once
        }
        for (int i = 0; i < 100 && swap.released(ReleasePath.REACHABILITY) < before + 100; i++) {
            System.gc();
            Thread.sleep(10);
            swap.drainUnreachable(); // what the next swapped allocation would do
        }
        assertTrue(swap.released(ReleasePath.REACHABILITY) >= before + 100,
                "released by reachability: " + (swap.released(ReleasePath.REACHABILITY) - before));
    }

    @Test
    void theJvmWideAgentIgnoresASecondStart() {
        RunningAgent first = PagePoolAgent.started();
        PagePoolAgent.start("cache=7", ByteBuddyAgent.install(), false);
        assertTrue(first == PagePoolAgent.started());
    }
}
