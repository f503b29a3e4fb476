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

import io.pagepool.pool.PagePool;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The online tuner: a daemon thread ({@code pagepool-tuner}) that reads the pool's counters every
 * {@link TunerOptions#interval()} and moves its knobs — each cache's capacity, the capacity of new
 * caches, the refill batch, the ring's capacity and stock, the slab reserve — inside the memory
 * budget. Every change is an {@code io.pagepool.TunerDecision} JFR event and a debug log line.
 *
 * <pre>{@code
 * try (Tuner tuner = Tuner.start(pool, TunerOptions.builder().debugLog(log::debug).build())) {
 *     ... the application runs ...
 * }
 * }</pre>
 *
 * <p>The policies, one concept each: {@link CacheSizer} (per-cache capacity: grow on misses, steal
 * with hysteresis, shrink slowly, drain the idle), {@link NewCacheSizer}, {@link RefillSizer},
 * {@link RingSizer}, {@link SlabReclaimer}; {@link MemoryBudget} keeps their promises inside the
 * budget.
 *
 * <p>Threading: the tuner only calls the pool's run-time setters from its own thread; it takes no
 * lock an allocating thread takes on its fast path and never makes one wait (a lowered capacity is
 * applied by the cache's owner at its next push or refill). {@link #step()} is serialized with the
 * controller thread, so tests may call it directly.
 */
public final class Tuner implements AutoCloseable {
    private final PagePool pool;
    private final TunerOptions options;
    private final Signals.Sampler sampler;
    private final Knobs knobs;
    private final MemoryBudget budget;
    private final CacheSizer caches;
    private final NewCacheSizer newCaches;
    private final RefillSizer refill;
    private final RingSizer ring;
    private final SlabReclaimer slabs;
    /** Null when no sites were given. */
    private final SitePolicy sites;
    private final StepThread thread;
    private volatile int decisions;
    private boolean failed;

    Tuner(PagePool pool, TunerOptions options) {
        this(pool, options, null, pool::maxMemoryBytes);
    }

    Tuner(PagePool pool, TunerOptions options, AllocationSites allocationSites) {
        this(pool, options, allocationSites, pool::maxMemoryBytes);
    }

    /**
     * A tuner whose capacity budget follows {@code budgetBytes} (a size class's share, {@link
     * SizeClassTuner}) and that decides {@code allocationSites}' modes when not null.
     */
    Tuner(PagePool pool, TunerOptions options, AllocationSites allocationSites, LongSupplier budgetBytes) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.options = Objects.requireNonNull(options, "options");
        this.sampler = new Signals.Sampler(pool);
        this.knobs = new Knobs(pool, options.debugLog());
        this.budget = new MemoryBudget(budgetBytes, pool.pageSize(), options.budgetFraction());
        this.caches = new CacheSizer(options, pool.maxCacheCapacity());
        this.newCaches = new NewCacheSizer(options, pool.maxCacheCapacity());
        this.refill = new RefillSizer(options, pool.refillBatch(), pool.maxCacheCapacity());
        this.ring = new RingSizer(options);
        this.slabs = new SlabReclaimer(options);
        this.sites = allocationSites == null ? null
                : new SitePolicy(allocationSites, options.interval(), pool.pageSize());
        this.thread = new StepThread(this::step, options.interval(), pool::isClosed);
    }

    /** A tuner that is not running: drive it with {@link #step()} (tests). */
    static Tuner manual(PagePool pool, TunerOptions options) {
        return new Tuner(pool, options);
    }

    /** A tuner that is not running and also decides {@code sites}' modes: drive it with {@link #step()} (tests). */
    static Tuner manual(PagePool pool, TunerOptions options, AllocationSites sites) {
        return new Tuner(pool, options, Objects.requireNonNull(sites, "sites"));
    }

    /** Starts the controller thread; it steps every {@code options.interval()} until {@link #close()}. */
    public static Tuner start(PagePool pool, TunerOptions options) {
        return start(new Tuner(pool, options));
    }

    /**
     * Starts the controller thread, which also decides the mode of each of {@code sites} (see
     * {@link SitePolicy}: a site whose pages come back only through reachability while the pool
     * fills goes to the JDK, and is re-probed with a backoff).
     */
    public static Tuner start(PagePool pool, TunerOptions options, AllocationSites sites) {
        return start(new Tuner(pool, options, Objects.requireNonNull(sites, "sites")));
    }

    private static Tuner start(Tuner tuner) {
        tuner.thread.start();
        return tuner;
    }


    /**
     * One control step: read the counters, run every policy once. Returns quietly (after one log
     * line for the first failure) if a policy throws, so the application never sees the tuner fail.
     */
    public synchronized void step() {
        if (pool.isClosed()) {
            return;
        }
        try {
            Signals s = sampler.next();
            budget.reset(s.now().cacheCapacityTotal(), s.now().ringCapacity());
            slabs.step(s, knobs);
            refill.step(s, knobs); // first: a cache that a grown batch would clip grows in this same step
            caches.step(s, budget, knobs);
            newCaches.step(s, knobs);
            ring.step(s, budget, knobs);
            if (sites != null) {
                sites.step(s.step(), s.now(), s.now().inflightPages() * pool.pageSize());
            }
        } catch (RuntimeException e) {
            if (!failed) {
                failed = true;
                try {
                    options.debugLog().accept("tuner: pool '" + pool.name() + "': step failed: " + e);
                } catch (RuntimeException ignored) {
                    // the log sink failed too: nothing more to do
                }
            }
        } finally {
            decisions = knobs.decisions() + (sites == null ? 0 : sites.decisions());
        }
    }

    /** Decisions (knob changes and site modes) made so far. */
    public int decisions() {
        return decisions;
    }

    /** The capacity pages the tuner may promise to caches and the ring, from the memory budget. */
    public long budgetPages() {
        return budget.budgetPages();
    }

    /** The settings this tuner was started with. */
    public TunerOptions options() {
        return options;
    }

    /** Stops the controller thread and waits for it. Idempotent; the knobs stay where they are. */
    @Override
    public void close() {
        thread.close();
    }
}
