package io.pagepool.tuner;

/**
 * The pages the tuner may hand out as capacity: {@code budgetFraction} of the pool's memory
 * budget, shared by every cache's capacity and the ring's. Capacity is a promise, not memory: a
 * cache holds at most its capacity in free pages, so keeping the promises inside the budget keeps
 * parked pages inside it. Rebuilt at the start of each step from the pool's gauges, then kept up to
 * date by the policies as they move capacities. Tuner thread only.
 */
final class MemoryBudget {
    private final long budgetPages;
    private long usedPages;

    MemoryBudget(long maxMemoryBytes, int pageSize, double fraction) {
        this.budgetPages = (long) (maxMemoryBytes / pageSize * fraction);
    }

    /** Starts a step: the capacities handed out now. */
    void reset(long cacheCapacityTotal, int ringCapacity) {
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
