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

    /** Checks every setting's range; prefer {@link #builder()}, which names each setting. */
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

    /**
     * A builder starting from {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Names each setting of a {@link TunerOptions}; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {
        private Duration interval;
        private Consumer<String> debugLog;
        private double budgetFraction;
        private int minCacheCapacity;
        private int maxCacheCapacity;
        private int maxRefillBatch;
        private int minRingCapacity;
        private int quietSteps;
        private int idleSteps;
        private int maxSlabReserve;
        private int ringPagesReturnedPerStep;

        private Builder(TunerOptions from) {
            interval = from.interval;
            debugLog = from.debugLog;
            budgetFraction = from.budgetFraction;
            minCacheCapacity = from.minCacheCapacity;
            maxCacheCapacity = from.maxCacheCapacity;
            maxRefillBatch = from.maxRefillBatch;
            minRingCapacity = from.minRingCapacity;
            quietSteps = from.quietSteps;
            idleSteps = from.idleSteps;
            maxSlabReserve = from.maxSlabReserve;
            ringPagesReturnedPerStep = from.ringPagesReturnedPerStep;
        }

        /**
         * Sets {@link TunerOptions#interval()}.
         *
         * @param value time between two control steps
         * @return this builder
         */
        public Builder interval(Duration value) {
            interval = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#debugLog()}.
         *
         * @param value receives one line per decision
         * @return this builder
         */
        public Builder debugLog(Consumer<String> value) {
            debugLog = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#budgetFraction()}.
         *
         * @param value share of the pool's memory that capacities may add up to
         * @return this builder
         */
        public Builder budgetFraction(double value) {
            budgetFraction = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#minCacheCapacity()} and {@link TunerOptions#maxCacheCapacity()}.
         *
         * @param min the least capacity of an active cache
         * @param max the most capacity of a cache
         * @return this builder
         */
        public Builder cacheCapacityRange(int min, int max) {
            minCacheCapacity = min;
            maxCacheCapacity = max;
            return this;
        }

        /**
         * Sets {@link TunerOptions#maxRefillBatch()}.
         *
         * @param value the largest refill batch
         * @return this builder
         */
        public Builder maxRefillBatch(int value) {
            maxRefillBatch = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#minRingCapacity()}.
         *
         * @param value the least ring capacity
         * @return this builder
         */
        public Builder minRingCapacity(int value) {
            minRingCapacity = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#quietSteps()}.
         *
         * @param value steps without misses before giving back a little
         * @return this builder
         */
        public Builder quietSteps(int value) {
            quietSteps = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#idleSteps()}.
         *
         * @param value steps without any operation before a cache is drained
         * @return this builder
         */
        public Builder idleSteps(int value) {
            idleSteps = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#maxSlabReserve()}.
         *
         * @param value the most free slabs kept mapped
         * @return this builder
         */
        public Builder maxSlabReserve(int value) {
            maxSlabReserve = value;
            return this;
        }

        /**
         * Sets {@link TunerOptions#ringPagesReturnedPerStep()}.
         *
         * @param value the most idle ring pages returned to slabs in one step
         * @return this builder
         */
        public Builder ringPagesReturnedPerStep(int value) {
            ringPagesReturnedPerStep = value;
            return this;
        }

        /**
         * The options, every range checked.
         *
         * @return new options
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public TunerOptions build() {
            return new TunerOptions(interval, debugLog, budgetFraction, minCacheCapacity, maxCacheCapacity,
                    maxRefillBatch, minRingCapacity, quietSteps, idleSteps, maxSlabReserve, ringPagesReturnedPerStep);
        }
    }

    private static void requireRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " = " + value + " is out of range: allowed " + min
                    + " to " + max);
        }
    }
}
