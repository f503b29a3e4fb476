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

import io.pagepool.pool.PoolStats;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-site adaptive pooling. A pooled site whose pages come back only through reachability (none
 * by an explicit path in the step) while the pool fills, and that holds a good share of the pages
 * in flight, goes to the JDK: tracking its buffers only fills the budget, and once it is spent every
 * call pays for the pool and the JDK both. A site at the JDK is re-probed (pooled again) after a
 * backoff that doubles at each switch, from {@link #FIRST_BACKOFF_STEPS} steps up to
 * {@link #MAX_BACKOFF_STEPS}, and falls back to the first backoff once its pages come back by an
 * explicit path. A scoped site, or one whose pages return by an explicit path, keeps pooling. A site
 * the pool served none of in a step, while its budget was not spent (every request larger than a
 * page), goes to the JDK too: the waive it pays each call buys nothing.
 *
 * <p>The pool fills when its pages in flight reach {@link #FILL_SHARE} of the budget, when a request
 * found the budget spent in the step, or when at the step's growth the budget would be spent within
 * {@link #HORIZON_STEPS} steps. Tuner thread only.
 */
final class SitePolicy {
    static final double FILL_SHARE = 0.5;
    static final int HORIZON_STEPS = 8;
    /** A site goes to the JDK only when it holds at least this share of the pages in flight. */
    static final int SITE_SHARE_DIVISOR = 8;
    static final long MIN_IN_FLIGHT_PAGES = 64;
    /** A site the pool served none of goes to the JDK once the pool declined at least this many of its calls. */
    static final long MIN_DECLINED = 64;
    static final int FIRST_BACKOFF_STEPS = 4;
    static final int MAX_BACKOFF_STEPS = 64;

    private final AllocationSites sites;
    private final Duration interval;
    private final int pageSizeBytes;
    /** Bytes of an average page in flight this step (size classes differ); {@link #pageSizeBytes} when none. */
    private long bytesPerPage;
    private long[] lastServed = new long[0];
    private long[] lastExplicit = new long[0];
    private long[] lastJdkServed = new long[0];
    private int[] backoffSteps = new int[0];
    private long[] probeAtStep = new long[0];
    private long[] jdkSinceStep = new long[0];
    private long lastWaiveBudget;
    private long lastInFlightPages;
    private int decisions;

    SitePolicy(AllocationSites sites, Duration interval, int pageSizeBytes) {
        this.sites = sites;
        this.interval = interval;
        this.pageSizeBytes = pageSizeBytes;
    }

    /** Site decisions made so far. */
    int decisions() {
        return decisions;
    }

    /**
     * One step over the sites, with {@code pool} the figures of the pool (or group of size
     * classes) serving them and {@code inFlightBytes} the bytes of its pages in flight.
     */
    void step(long step, PoolStats pool, long inFlightBytes) {
        bytesPerPage = pool.inflightPages() > 0 ? Math.max(1, inFlightBytes / pool.inflightPages()) : pageSizeBytes;
        sites.refresh();
        int count = sites.count();
        grow(count);
        SiteSample[] samples = new SiteSample[count];
        long siteInFlight = 0;
        for (int id = 0; id < count; id++) {
            samples[id] = sites.sample(id);
            siteInFlight += samples[id].inFlightPages();
        }
        long inFlight = Math.max(pool.inflightPages(), siteInFlight);
        String filling = filling(pool, inFlight);
        boolean budgetSpent = pool.waiveBudget() > lastWaiveBudget;
        lastWaiveBudget = pool.waiveBudget();
        lastInFlightPages = inFlight;
        for (int id = 0; id < count; id++) {
            SiteSample s = samples[id];
            long served = s.served() - lastServed[id];
            long explicit = s.returnedExplicit() - lastExplicit[id];
            lastServed[id] = s.served();
            lastExplicit[id] = s.returnedExplicit();
            long declined = s.jdkServed() - lastJdkServed[id];
            lastJdkServed[id] = s.jdkServed();
            if (s.pinned()) {
                continue;
            }
            if (!s.pooled()) {
                if (step >= probeAtStep[id]) {
                    decide(id, true, "re-probe after " + duration(step - jdkSinceStep[id]));
                }
            } else if (explicit > 0) {
                backoffSteps[id] = FIRST_BACKOFF_STEPS;
            } else if (served == 0 && declined >= MIN_DECLINED && !budgetSpent) {
                toJdk(id, step, "the pool declined all " + declined + " of its calls in the step (too large for"
                        + " it, or it is closed)");
            } else if (filling != null && served > 0 && s.inFlightPages() >= MIN_IN_FLIGHT_PAGES
                    && s.inFlightPages() * SITE_SHARE_DIVISOR >= inFlight) {
                toJdk(id, step, "pages come back only through reachability while the pool filled (" + filling
                        + "); " + s.inFlightPages() + " of its pages in flight");
            }
        }
    }

    /** Sends site {@code id} to the JDK and sets its re-probe, doubling its backoff. */
    private void toJdk(int id, long step, String reason) {
        if (decide(id, false, reason)) {
            jdkSinceStep[id] = step;
            probeAtStep[id] = step + backoffSteps[id];
            backoffSteps[id] = Math.min(MAX_BACKOFF_STEPS, backoffSteps[id] * 2);
        }
    }

    /** Why the pool counts as filling, or null when it does not. */
    private String filling(PoolStats pool, long inFlightPages) {
        long budgetBytes = pool.maxMemoryBytes();
        if (budgetBytes <= 0) {
            return null;
        }
        long inFlightBytes = inFlightPages * bytesPerPage;
        double share = (double) inFlightBytes / budgetBytes;
        String percent = String.format(Locale.ROOT, "%.0f%% of its budget", 100 * share);
        long waives = pool.waiveBudget() - lastWaiveBudget;
        if (waives > 0) {
            return percent + ", " + waives + " request(s) found it spent";
        }
        if (share >= FILL_SHARE) {
            return percent;
        }
        long growthPages = inFlightPages - lastInFlightPages;
        if (growthPages > 0 && (budgetBytes - inFlightBytes) / bytesPerPage <= growthPages * HORIZON_STEPS) {
            return percent + ", spent within " + duration(HORIZON_STEPS) + " at this rate";
        }
        return null;
    }

    private boolean decide(int id, boolean pooled, String reason) {
        if (!sites.decide(id, pooled, reason)) {
            return false;
        }
        decisions++;
        return true;
    }

    private String duration(long steps) {
        long millis = interval.toMillis() * steps;
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private void grow(int count) {
        int old = lastServed.length;
        if (count <= old) {
            return;
        }
        lastServed = Arrays.copyOf(lastServed, count);
        lastExplicit = Arrays.copyOf(lastExplicit, count);
        lastJdkServed = Arrays.copyOf(lastJdkServed, count);
        probeAtStep = Arrays.copyOf(probeAtStep, count);
        jdkSinceStep = Arrays.copyOf(jdkSinceStep, count);
        backoffSteps = Arrays.copyOf(backoffSteps, count);
        Arrays.fill(backoffSteps, old, count, FIRST_BACKOFF_STEPS);
    }
}
