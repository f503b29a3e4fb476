package io.pagepool.tuner;

import io.pagepool.pool.PagePoolBuilder;
import io.pagepool.testkit.LineLog;
import io.pagepool.testkit.TestPools;

/** Pools and options for tuner tests: small slabs under a roomy budget, quick periods. */
final class Pools {
    private Pools() {
    }

    /** 4 KiB pages in 64 KiB slabs, up to 64 MiB: many slabs for the tuner to reserve and unmap. */
    static PagePoolBuilder small() {
        return TestPools.small("tuner-test").slabBytes(64 << 10).maxMemoryBytes(64L << 20);
    }

    /** Quiet after 2 steps, idle after 4: tests need few steps. */
    static TunerOptions quick(LineLog log) {
        return TunerOptions.builder().debugLog(log::add).quietSteps(2).idleSteps(4).build();
    }
}
