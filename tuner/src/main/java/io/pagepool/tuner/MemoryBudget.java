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
package io.pagepool.tuner;

import java.util.function.LongSupplier;

/**
 * The pages the tuner may hand out as capacity: {@code budgetFraction} of the pool's memory
 * budget (of a size class: its share of the group's budget, read again each step), shared by
 * every cache's capacity and the ring's. Capacity is a promise, not memory: a
 * cache holds at most its capacity in free pages, so keeping the promises inside the budget keeps
 * parked pages inside it. Rebuilt at the start of each step from the pool's gauges, then kept up to
 * date by the policies as they move capacities. Tuner thread only.
 */
final class MemoryBudget {
    private final LongSupplier budgetBytes;
    private final int pageSize;
    private final double fraction;
    private long budgetPages;
    private long usedPages;

    MemoryBudget(long maxMemoryBytes, int pageSize, double fraction) {
        this(() -> maxMemoryBytes, pageSize, fraction);
    }

    /** A budget that follows {@code budgetBytes} (a size class's share), read at each {@link #reset}. */
    MemoryBudget(LongSupplier budgetBytes, int pageSize, double fraction) {
        this.budgetBytes = budgetBytes;
        this.pageSize = pageSize;
        this.fraction = fraction;
        this.budgetPages = pages();
    }

    private long pages() {
        return (long) (budgetBytes.getAsLong() / pageSize * fraction);
    }

    /** Starts a step: the budget now and the capacities handed out now. */
    void reset(long cacheCapacityTotal, int ringCapacity) {
        budgetPages = pages();
        usedPages = cacheCapacityTotal + ringCapacity;
    }

    long budgetPages() {
        return budgetPages;
    }

    long usedPages() {
        return usedPages;
    }

    /** Pages still free to promise (negative when over). */
    long headroom() {
        return budgetPages - usedPages;
    }

    /** Records a capacity change of {@code delta} pages (negative when given back). */
    void moved(long delta) {
        usedPages += delta;
    }

    String signals() {
        return "budgetPages=" + budgetPages + ", promisedPages=" + usedPages;
    }
}
