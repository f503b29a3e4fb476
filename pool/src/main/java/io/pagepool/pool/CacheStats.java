package io.pagepool.pool;

/**
 * A snapshot of one thread cache (or virtual-thread stripe).
 *
 * @param cacheId the cache's id, for {@link PagePool#setCacheCapacity(long, int)}
 * @param threadName the owner's name, or {@code virtual-stripe-N}
 * @param threadId the owner's id, or -1 for a stripe
 * @param virtualStripe true for a stripe shared by virtual threads
 * @param capacity pages the cache may hold
 * @param size pages it holds now (racy)
 * @param hits allocations it served (the fast path)
 * @param underflows allocations that found it empty
 * @param overflows releases that found it full
 * @param releases pages released into it
 */
public record CacheStats(long cacheId, String threadName, long threadId, boolean virtualStripe, int capacity,
                         int size, long hits, long underflows, long overflows, long releases) {
}
