package io.pagepool.tuner;

/**
 * What one thread cache did during the last control interval (counter deltas) and where it is now
 * (capacity, size).
 */
record CacheDelta(long cacheId, String threadName, boolean virtualStripe, int capacity, int size, long hits,
                  long underflows, long overflows, long releases) {

    /** Any operation at all: an allocation or a release into it. */
    boolean active() {
        return hits + underflows + releases > 0;
    }

    /** Misses per allocation in the interval, 0..1. */
    double missRatio() {
        long allocs = hits + underflows;
        return allocs == 0 ? 0 : (double) underflows / allocs;
    }

    String signals() {
        return "hits=" + hits + ", underflows=" + underflows + ", overflows=" + overflows + ", releases=" + releases
                + ", size=" + size;
    }
}
