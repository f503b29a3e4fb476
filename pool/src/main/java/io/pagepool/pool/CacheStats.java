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
