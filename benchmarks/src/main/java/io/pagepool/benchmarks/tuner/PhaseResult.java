package io.pagepool.benchmarks.tuner;

/**
 * What one configuration did in one phase.
 *
 * @param phase the phase
 * @param configuration the configuration
 * @param allocPages pages handed out in the phase
 * @param allocFast of which from a thread cache without a refill
 * @param avgPagesMapped memory: pages in mapped slabs, averaged over samples every 10 ms
 * @param avgParkedPages free pages parked in thread caches and the ring, averaged likewise
 * @param decisions tuner decisions in the phase (0 for static configurations)
 */
record PhaseResult(Phase phase, Configuration configuration, long allocPages, long allocFast, double avgPagesMapped,
                   double avgParkedPages, int decisions) {

    /** allocFast / allocPages; 1 when nothing was allocated. */
    double fastPathRatio() {
        return allocPages == 0 ? 1.0 : (double) allocFast / allocPages;
    }

    /** Allocations that did not come from the fast path (a refill from the ring or from slabs). */
    long slowAllocations() {
        return allocPages - allocFast;
    }
}
