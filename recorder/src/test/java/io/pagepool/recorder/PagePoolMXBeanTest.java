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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The pool's MXBean through the platform MBean server: counters and knobs, read-only. */
class PagePoolMXBeanTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void attributesAgreeWithThePoolsCountersAndKnobs() throws Exception {
        String name = "jmx-" + System.nanoTime();
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name(name).pageSize(2048).cacheCapacity(32)
                .refillBatch(16).ringCapacity(64).build())) {
            List<Page> held = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                held.add(pool.alloc());
            }
            for (int i = 0; i < 60; i++) {
                held.removeLast().release();
            }
            pool.setCacheCapacity(48);
            ObjectName objectName = new ObjectName("io.pagepool:type=PagePool,name=" + name);
            assertEquals(objectName, PoolRecorder.objectName(name));
            PoolStats s = pool.stats();

            assertEquals(name, server.getAttribute(objectName, "Name"));
            assertEquals(2048, server.getAttribute(objectName, "PageSize"));
            assertEquals("PREFAULT", server.getAttribute(objectName, "Mapping"));
            assertEquals(48, server.getAttribute(objectName, "CacheCapacity"));
            assertEquals(16, server.getAttribute(objectName, "RefillBatch"));
            assertEquals(64, server.getAttribute(objectName, "RingCapacity"));
            assertEquals(s.allocFast(), server.getAttribute(objectName, "AllocFast"));
            assertEquals(s.allocSlow(), server.getAttribute(objectName, "AllocSlow"));
            assertEquals(s.recycleCached(), server.getAttribute(objectName, "RecycleCached"));
            assertEquals(s.recycleCacheFull(), server.getAttribute(objectName, "RecycleCacheFull"));
            assertEquals(40L, server.getAttribute(objectName, "InflightPages"));
            assertEquals(100L, server.getAttribute(objectName, "AllocPages"));
            assertEquals(s.bytesMapped(), server.getAttribute(objectName, "BytesMapped"));
            assertEquals(s.fastPathRatio(), (double) server.getAttribute(objectName, "FastPathRatio"), 1e-12);

            PagePoolMXBean proxy = JMX.newMXBeanProxy(server, objectName, PagePoolMXBean.class);
            assertEquals(s.allocFast(), proxy.getAllocFast());
            assertFalse(proxy.isClosed());
            held.forEach(Page::release);
            assertEquals(0, proxy.getInflightPages(), "live values, not a snapshot taken at registration");
            PoolRecorder.unregister(pool);
        }
    }

    @Test
    void itIsAnMxBeanWithOnlyReadOnlyAttributes() throws Exception {
        String name = "jmx-ro-" + System.nanoTime();
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name(name).build())) {
            MBeanInfo info = server.getMBeanInfo(PoolRecorder.objectName(name));
            assertEquals("true", info.getDescriptor().getFieldValue("mxbean"));
            assertTrue(info.getAttributes().length >= 35, () -> "attributes: " + info.getAttributes().length);
            for (MBeanAttributeInfo a : info.getAttributes()) {
                assertTrue(a.isReadable() && !a.isWritable(), a.getName());
            }
            assertEquals(0, info.getOperations().length);
            PoolRecorder.unregister(pool);
            assertFalse(server.isRegistered(PoolRecorder.objectName(name)), "unregister removes the MXBean");
        }
    }

    @Test
    void namesWithReservedCharactersAreQuoted() throws Exception {
        String name = "rx,queue=0:\"a\"";
        ObjectName objectName = PoolRecorder.objectName(name);
        assertEquals(ObjectName.quote(name), objectName.getKeyProperty("name"));
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name(name).build())) {
            assertEquals(name, server.getAttribute(objectName, "Name"));
            PoolRecorder.unregister(pool);
        }
    }
}
