package io.pagepool.benchmarks;

/**
 * Puts a benchmark into the state of a long-running application before it is measured: what
 * the setup allocated (the pool's thread caches and ring, the baselines' stacks, Netty's arenas
 * and thread caches) is promoted to the old generation. That is where a service's allocator
 * state lives after its first minutes, and where G1's post-write barrier costs most: a
 * reference stored into an old object from another region runs up to a StoreLoad fence. A
 * benchmark that allocates nothing per op would otherwise measure everything in eden.
 */
final class SteadyState {
    private SteadyState() {
    }

    /** Runs two full collections; call it at the end of a trial's setup, on the benchmark thread. */
    static void promoteToOldGeneration() {
        System.gc();
        System.gc();
    }
}
