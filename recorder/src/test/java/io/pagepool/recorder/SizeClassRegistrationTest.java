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

import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A group of size classes in JMX and JFR: each class its own MXBean and PoolStatistics, named by its size. */
class SizeClassRegistrationTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void shouldRecordEachSizeClassAsAPoolNamedForItsSize(@TempDir Path dir) throws Exception {
        String name = "classes-" + System.nanoTime();
        Path file = dir.resolve("classes.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.POOL_STATISTICS);
            recording.start();
            try (SizeClassPool group = SizeClassPool.builder().name(name).minClassBytes(1024).maxClassBytes(16384)
                    .maxMemoryBytes(8L << 20).slabBytes(64 << 10).listener(PoolRecorder.listener()).build()) {
                assertTrue(PoolRecorder.register(group) == group);
                for (int bytes : new int[] {100, 1500, 1500, 9000}) {
                    ByteBuffer b = group.allocBuffer(bytes);
                    group.release(b);
                }
                for (PagePool cls : group.classes()) {
                    assertTrue(PoolRecorder.isRegistered(cls), cls.name());
                    assertEquals(cls.pageSize(), server.getAttribute(PoolRecorder.objectName(cls.name()), "PageSize"));
                }
                assertEquals(2L, server.getAttribute(PoolRecorder.objectName(name + "-2k"), "AllocPages"));
                assertEquals(1L, server.getAttribute(PoolRecorder.objectName(name + "-16k"), "AllocPages"));
                assertTrue(PoolRecorder.unregister(group), "its last statistics");
                for (PagePool cls : group.classes()) {
                    assertFalse(PoolRecorder.isRegistered(cls), cls.name());
                }
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, Long> allocated = new TreeMap<>();
        Map<String, Long> pageSize = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals(EventNames.POOL_STATISTICS)) {
                continue;
            }
            String pool = e.getString("poolName");
            if (pool.startsWith(name)) {
                allocated.merge(pool, e.getLong("allocPages"), Long::sum);
                pageSize.put(pool, e.getLong("pageSize"));
            }
        }
        assertEquals(Map.of(name + "-1k", 1L, name + "-2k", 2L, name + "-4k", 0L, name + "-8k", 0L, name + "-16k", 1L),
                allocated);
        assertEquals(Map.of(name + "-1k", 1024L, name + "-2k", 2048L, name + "-4k", 4096L, name + "-8k", 8192L,
                name + "-16k", 16384L), pageSize);
    }
}
