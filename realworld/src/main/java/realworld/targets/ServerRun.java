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
package realworld.targets;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What every target does around its server, the same for all: prints {@code listening on
 * 127.0.0.1:PORT}, serves until its standard input ends (the harness closes it) or
 * {@code --max-seconds} (default 120) pass, then prints one {@code RESULT server ...} line of
 * key=value figures: the JDK's direct memory peak ({@code BufferPoolMXBean "direct"}), GC count,
 * and, when a page pool's MXBean is registered in this JVM (looked up by name through JMX, so
 * the targets never link to it), its pages in flight, mapped bytes and waives by reason.
 * Figures are sampled every 20 ms by a daemon thread. Threading: {@link #listening},
 * {@link #awaitStop} and {@link #finish} are called by the main thread, in that order.
 */
final class ServerRun {
    private static final String POOL_QUERY = "io.pagepool:type=PagePool,*";

    private final String name;
    private final long maxSeconds;
    private final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    private final MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile long directPeakBytes;
    private volatile long inflightPeakPages;
    private volatile long mappedPeakBytes;

    private ServerRun(String name, long maxSeconds) {
        this.name = name;
        this.maxSeconds = maxSeconds;
    }

    /** Parses {@code --max-seconds N}, starts the sampler and the standard-input watcher. */
    static ServerRun start(String name, String[] args) {
        long maxSeconds = 120;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--max-seconds")) {
                throw new IllegalArgumentException(name + ": unknown argument " + args[i] + "; known: --max-seconds");
            }
            maxSeconds = Long.parseLong(args[i + 1]);
        }
        ServerRun run = new ServerRun(name, maxSeconds);
        Thread.ofPlatform().daemon().name("serverrun-sampler").start(run::sample);
        Thread.ofPlatform().daemon().name("serverrun-stdin").start(run::watchStdin);
        return run;
    }

    /** Announces the bound port to the harness. */
    void listening(int port) {
        System.out.println("listening on 127.0.0.1:" + port);
        System.out.flush();
    }

    /** Blocks until standard input ends or the time bound passes. */
    void awaitStop() throws InterruptedException {
        stop.await(maxSeconds, TimeUnit.SECONDS);
    }

    /** Prints the RESULT line; call after the server has shut down. */
    void finish() {
        sampleOnce();
        long[] pool = poolFigures();
        long[] p = pool == null ? new long[5] : pool;
        System.out.println(String.format(Locale.ROOT, "RESULT server=%s directPeakBytes=%d directBuffers=%d"
                        + " gcCount=%d pool=%s inflightPages=%d inflightPeakPages=%d mappedPeakBytes=%d"
                        + " waiveBudget=%d waiveSize=%d waiveClosed=%d", name, directPeakBytes, direct.getCount(),
                gcCount(), pool != null, p[0], inflightPeakPages, mappedPeakBytes, p[2], p[3], p[4]));
        System.out.flush();
    }

    private void watchStdin() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the harness writes nothing; end of input is the signal
            }
        } catch (IOException e) {
            // a closed input is a stop too
        }
        stop.countDown();
    }

    private void sample() {
        while (true) {
            sampleOnce();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        directPeakBytes = Math.max(directPeakBytes, direct.getMemoryUsed());
        long[] pool = poolFigures();
        if (pool != null) {
            inflightPeakPages = Math.max(inflightPeakPages, pool[0]);
            mappedPeakBytes = Math.max(mappedPeakBytes, pool[1]);
        }
    }

    /** In flight pages, mapped bytes, waives (budget, size, closed) summed over the pools; null when none. */
    private long[] poolFigures() {
        try {
            Set<ObjectName> names = beans.queryNames(new ObjectName(POOL_QUERY), null);
            if (names.isEmpty()) {
                return null;
            }
            String[] attributes = {"InflightPages", "BytesMapped", "WaiveBudget", "WaiveSize", "WaiveClosed"};
            long[] sum = new long[attributes.length];
            for (ObjectName pool : names) {
                for (int i = 0; i < attributes.length; i++) {
                    sum[i] += ((Number) beans.getAttribute(pool, attributes[i])).longValue();
                }
            }
            return sum;
        } catch (JMException | RuntimeException e) {
            return null;
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }
}
