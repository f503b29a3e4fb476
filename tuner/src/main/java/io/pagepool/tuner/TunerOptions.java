package io.pagepool.tuner;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of the online {@link Tuner}. Periods are counted in control steps (one per
 * {@code interval}), so a faster interval makes the whole controller proportionally faster.
 *
 * @param interval time between two control steps; default 1 s
 * @param debugLog receives one line per decision (the agent logs it at debug level); default: drop
 * @param budgetFraction share of the pool's {@code maxMemoryBytes} that cache capacities plus the
 *        ring capacity may add up to, 0 &lt; f &lt;= 1; default 0.5 (the rest is for pages in flight)
 * @param minCacheCapacity the least capacity the tuner leaves an active cache; default 16
 * @param maxCacheCapacity the most capacity the tuner gives a cache (also capped by the pool's
 *        {@code maxCacheCapacity}); default 4096
 * @param maxRefillBatch the largest refill batch the tuner sets; default 512
 * @param minRingCapacity the least ring capacity the tuner sets; default 64
 * @param quietSteps steps without misses before a cache (or the ring, or the slab reserve)
 *        gives back a little; default 8
 * @param idleSteps steps without any operation before a cache is drained; default 30
 * @param maxSlabReserve the most free slabs the tuner keeps mapped against map/unmap churn; default 4
 * @param ringPagesReturnedPerStep the most idle ring pages returned to slabs in one step; default 256
 */
public record TunerOptions(Duration interval, Consumer<String> debugLog, double budgetFraction,
                           int minCacheCapacity, int maxCacheCapacity, int maxRefillBatch, int minRingCapacity,
                           int quietSteps, int idleSteps, int maxSlabReserve, int ringPagesReturnedPerStep) {

    public TunerOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(debugLog, "debugLog");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval = " + interval + " is not allowed: must be positive");
        }
        if (!(budgetFraction > 0 && budgetFraction <= 1)) {
            throw new IllegalArgumentException("budgetFraction = " + budgetFraction + " is out of range: (0, 1]");
        }
        requireRange("minCacheCapacity", minCacheCapacity, 1, 1 << 16);
        requireRange("maxCacheCapacity", maxCacheCapacity, minCacheCapacity, 1 << 16);
        requireRange("maxRefillBatch", maxRefillBatch, 1, 1 << 16);
        requireRange("minRingCapacity", minRingCapacity, 1, 1 << 20);
        requireRange("quietSteps", quietSteps, 1, 1 << 20);
        requireRange("idleSteps", idleSteps, 1, 1 << 20);
        requireRange("maxSlabReserve", maxSlabReserve, 0, 1 << 20);
        requireRange("ringPagesReturnedPerStep", ringPagesReturnedPerStep, 0, 1 << 20);
    }

    /** Interval 1 s, no log, half the budget for caches and ring, caches 16..4096, refill up to 512. */
    public static TunerOptions defaults() {
        return new TunerOptions(Duration.ofSeconds(1), line -> { }, 0.5, 16, 4096, 512, 64, 8, 30, 4, 256);
    }

    public TunerOptions withInterval(Duration interval) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    public TunerOptions withDebugLog(Consumer<String> debugLog) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    public TunerOptions withBudgetFraction(double budgetFraction) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    public TunerOptions withCacheCapacityRange(int minCacheCapacity, int maxCacheCapacity) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    public TunerOptions withQuietSteps(int quietSteps) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    public TunerOptions withIdleSteps(int idleSteps) {
        return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
    }

    private static void requireRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " = " + value + " is out of range: allowed " + min
                    + " to " + max);
        }
    }
}
