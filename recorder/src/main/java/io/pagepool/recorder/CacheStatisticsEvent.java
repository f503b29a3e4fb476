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
package io.pagepool.recorder;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.pagepool.CacheStatistics}: one event per thread cache (or virtual-thread stripe) of
 * each registered pool and period; counters are the change since the previous event of the same
 * cache. A cache reclaimed after its thread ended stops appearing; what it counted since its last
 * event comes in one more event, under its id, or under cache id -1 ("reclaimed caches") when
 * several went at once (see {@link CacheDeltas}): the events' sums equal the pool's totals.
 * Emitted by {@link PeriodicStatistics}.
 */
@Name(EventNames.CACHE_STATISTICS)
@Label("Page Pool Thread Cache")
@Category(EventNames.CATEGORY)
@Description("One thread cache of a pool: capacity and size now, hits, underflows and overflows over the interval")
@Period("1 s")
@StackTrace(false)
final class CacheStatisticsEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;

    @Label("Cache Id")
    @Description("The cache's id, as taken by PagePool.setCacheCapacity(cacheId, pages); -1 for caches reclaimed"
            + " since the previous event")
    long cacheId;

    @Label("Thread")
    @Description("The name of the thread that owns the cache, or virtual-stripe-N for a cache"
            + " shared by virtual threads")
    String threadName;

    @Label("Thread Id")
    @Description("The id of the owning thread (Thread.threadId()), or -1 for a virtual-thread stripe")
    long threadId;

    @Label("Virtual Stripe")
    @Description("True for a cache shared by virtual threads")
    boolean virtualStripe;

    @Label("Interval")
    @Description("Time since the previous statistics of this cache (or since the pool was"
            + " registered or the cache appeared)")
    @Timespan
    long interval;

    @Label("Capacity")
    @Description("Pages the cache may hold now")
    long capacity;

    @Label("Size")
    @Description("Pages the cache holds now")
    long size;

    @Label("Hits")
    @Description("Allocations the cache served (the fast path) in the interval")
    long hits;

    @Label("Underflows")
    @Description("Allocations that found the cache empty in the interval")
    long underflows;

    @Label("Overflows")
    @Description("Releases that found the cache full in the interval")
    long overflows;

    @Label("Releases")
    @Description("Pages released into the cache in the interval")
    long releases;
}
