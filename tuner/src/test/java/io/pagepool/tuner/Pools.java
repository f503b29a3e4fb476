package io.pagepool.tuner;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PagePoolBuilder;
import java.util.ArrayList;
import java.util.List;

/** Pools and options for tuner tests: small slabs, quick periods, a log kept in memory. */
final class Pools {
    private Pools() {
    }

    static PagePoolBuilder small() {
        return PagePool.builder().name("tuner-test-" + System.nanoTime()).pageSize(4096).slabBytes(64 << 10)
                .maxMemoryBytes(64L << 20).warnings(w -> { });
    }

    static final class Log {
        final List<String> lines = new ArrayList<>();

        synchronized void add(String line) {
            lines.add(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized boolean any(String fragment) {
            return lines.stream().anyMatch(l -> l.contains(fragment));
        }
    }

    /** Quiet after 2 steps, idle after 4: tests need few steps. */
    static TunerOptions quick(Log log) {
        return TunerOptions.builder().debugLog(log::add).quietSteps(2).idleSteps(4).build();
    }
}
