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
package io.pagepool.samples;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the demo compares besides throughput: GC count and time, and the peak of the JDK's direct
 * buffer memory ({@code BufferPoolMXBean "direct"}), sampled every 20 ms by a daemon thread.
 */
final class JvmStats {
    private final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    private final long gcCountAtStart = gcCount();
    private final long gcMillisAtStart = gcMillis();
    private volatile long directPeakBytes;

    JvmStats() {
        Thread sampler = Thread.ofPlatform().daemon().name("jvmstats-sampler").unstarted(() -> {
            while (true) {
                directPeakBytes = Math.max(directPeakBytes, direct.getMemoryUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
    }

    /** One line of {@code key=value} pairs: gcCount, gcMillis, directPeakBytes, directCount. */
    String summary() {
        directPeakBytes = Math.max(directPeakBytes, direct.getMemoryUsed());
        return String.format(Locale.ROOT, "gcCount=%d gcMillis=%d directPeakBytes=%d directBuffers=%d",
                gcCount() - gcCountAtStart, gcMillis() - gcMillisAtStart, directPeakBytes, direct.getCount());
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
    }
}
