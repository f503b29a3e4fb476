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
