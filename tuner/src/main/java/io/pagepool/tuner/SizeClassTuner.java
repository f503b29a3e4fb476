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
import io.pagepool.pool.SizeClassPool;
import io.pagepool.recorder.TunerDecisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The online tuner of a group of size classes: one daemon thread ({@code pagepool-tuner}) that,
 * every {@link TunerOptions#interval()}, returns the slabs of classes idle for
 * {@link TunerOptions#idleSteps()} intervals ({@link SizeClassPool#trimIdle}), moves budget shares
 * between the classes ({@link ShareMover}), then runs a {@link Tuner} step for each class, whose
 * caches, refill batch, ring and slab reserve it sizes inside that class's share of the budget. Every change is an
 * {@code io.pagepool.TunerDecision} JFR event on the class's pool ({@code pagepool-agent-2k}) and a
 * debug log line.
 *
 * <p>Threading: as {@link Tuner}: only the pools' run-time setters, from its own thread;
 * {@link #step()} is serialized with it, so tests may call it directly.
 */
public final class SizeClassTuner implements AutoCloseable {
    private final SizeClassPool group;
    private final TunerOptions options;
    private final List<Tuner> tuners;
    private final ShareMover shares;
    private final List<Knobs> shareKnobs;
    /** Null when no sites were given. */
    private final SitePolicy sites;
    private long steps;
    private final StepThread thread;
    private volatile int decisions;

    SizeClassTuner(SizeClassPool group, TunerOptions options) {
        this(group, options, null);
    }

    SizeClassTuner(SizeClassPool group, TunerOptions options, AllocationSites allocationSites) {
        this.sites = allocationSites == null ? null
                : new SitePolicy(allocationSites, options.interval(), group.minClassBytes());
        this.group = Objects.requireNonNull(group, "group");
        this.options = Objects.requireNonNull(options, "options");
        List<Tuner> perClass = new ArrayList<>();
        List<Knobs> knobs = new ArrayList<>();
        for (PagePool cls : group.classes()) {
            perClass.add(new Tuner(cls, options, null, () -> Math.min(group.maxMemoryBytes(), group.shareBytes(cls))));
            knobs.add(new Knobs(cls, options.debugLog()));
        }
        this.tuners = List.copyOf(perClass);
        this.shareKnobs = List.copyOf(knobs);
        this.shares = new ShareMover(group, shareKnobs);
        this.thread = new StepThread(this::step, options.interval(), group::isClosed);
    }

    /** A tuner that is not running: drive it with {@link #step()} (tests). */
    static SizeClassTuner manual(SizeClassPool group, TunerOptions options) {
        return new SizeClassTuner(group, options);
    }

    /** Starts the controller thread; it steps every {@code options.interval()} until {@link #close()}. */
    public static SizeClassTuner start(SizeClassPool group, TunerOptions options) {
        return start(new SizeClassTuner(group, options));
    }

    /**
     * Starts the controller thread, which also decides the mode of each of {@code sites} from the
     * whole group's figures (see {@link SitePolicy}).
     */
    public static SizeClassTuner start(SizeClassPool group, TunerOptions options, AllocationSites sites) {
        return start(new SizeClassTuner(group, options, Objects.requireNonNull(sites, "sites")));
    }

    private static SizeClassTuner start(SizeClassTuner tuner) {
        tuner.thread.start();
        return tuner;
    }


    /**
     * One control step: move shares, then one step of each class's tuner. Never throws: a failing
     * share move is logged once and the classes' steps still run.
     */
    public synchronized void step() {
        try {
            if (!group.isClosed()) {
                trimIdle();
                shares.step();
            }
        } catch (RuntimeException e) {
            options.debugLog().accept("tuner: size classes '" + group.name() + "': share step failed: " + e);
        }
        int total = 0;
        for (Tuner t : tuners) {
            t.step();
            total += t.decisions();
        }
        for (Knobs k : shareKnobs) {
            total += k.decisions();
        }
        if (sites != null) {
            stepSites();
            total += sites.decisions();
        }
        decisions = total;
    }

    /** The site policy over the group: its summed figures and the bytes of its pages in flight. */
    private void stepSites() {
        try {
            long inFlightBytes = 0;
            for (PagePool cls : group.classes()) {
                inFlightBytes += cls.stats().inflightPages() * cls.pageSize();
            }
            sites.step(++steps, group.stats(), inFlightBytes);
        } catch (RuntimeException e) {
            options.debugLog().accept("tuner: size classes '" + group.name() + "': site step failed: " + e);
        }
    }

    /** Returns idle classes' slabs; a class that gave some back gets an {@code idleSlabsReturned} decision. */
    private void trimIdle() {
        List<PagePool> classes = group.classes();
        long[] before = new long[classes.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = classes.get(i).stats().slabsUnmapped();
        }
        if (group.trimIdle(options.interval().toNanos() * options.idleSteps()) == 0) {
            return;
        }
        for (int i = 0; i < before.length; i++) {
            long unmapped = classes.get(i).stats().slabsUnmapped() - before[i];
            if (unmapped > 0) {
                shareKnobs.get(i).done("idleSlabsReturned", TunerDecisions.POOL_WIDE, 0, unmapped,
                        "no allocation for " + options.idleSteps() + " intervals: the class's free slabs unmapped",
                        "bytesMapped=" + classes.get(i).stats().bytesMapped());
            }
        }
    }

    /** Decisions (knob and share changes) made so far, every class. */
    public int decisions() {
        return decisions;
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
