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
package io.pagepool.agent.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rewritten {@code allocateDirect} call site of this JVM, by id: the rewriting registers a
 * site and passes its id, a constant, to {@link DirectBuffers#allocateDirect(int, int)}. Id 0 is
 * the site of calls that carry none (method references {@code ByteBuffer::allocateDirect}, and
 * callers of the one-argument {@link BufferSwap#allocateTracked(int)}). A site registered again
 * (a class retransformed) keeps its id.
 *
 * <p>One table per JVM, because rewritten bytecode holds the ids. Threading: {@link #site} is a
 * volatile read of the array (published whole after each growth) and an element read; everything
 * else runs under this table's monitor, so a site's mode changes one decision at a time and each
 * decision reaches the {@link Decisions} listener in order.
 */
public final class SiteTable {
    /** The site of calls without a site id. */
    public static final int UNATTRIBUTED = 0;

    private static final SiteTable GLOBAL = new SiteTable();

    /** Receives each change of a site's mode, under the table's monitor. Must not throw. */
    @FunctionalInterface
    public interface Decisions {
        /** {@code site} changed from {@code before} to its current mode, for {@code reason}. */
        void decided(AllocationSite site, SiteMode before, String reason);
    }

    /** The mode a user pinned a site to. */
    @FunctionalInterface
    public interface Pins {
        /** No site pinned. */
        Pins NONE = (className, methodName, line) -> null;

        /** The pinned mode of the site at {@code className.methodName} line {@code line}, or null. */
        SiteMode pinned(String className, String methodName, int line);
    }

    private volatile AllocationSite[] sites;
    /** Guarded by this: site key to id. */
    private final Map<String, Integer> ids = new HashMap<>();
    /** Guarded by this. */
    private Pins pins = Pins.NONE;
    /** Guarded by this. */
    private Decisions decisions = (site, before, reason) -> { };

    SiteTable() {
        sites = new AllocationSite[] {new AllocationSite(UNATTRIBUTED, "", "", -1,
                "calls without a site (method references)", null)};
        ids.put("", UNATTRIBUTED);
    }

    /** The table of this JVM. */
    public static SiteTable global() {
        return GLOBAL;
    }

    /** Sets the user's pins; they apply to sites registered from now on. */
    public synchronized void pins(Pins newPins) {
        pins = newPins;
    }

    /** Sets who hears of each decision (the agent: a JFR event and a debug line). */
    public synchronized void decisions(Decisions listener) {
        decisions = listener;
    }

    /**
     * Registers a site (or finds it again) and returns its id. A site pinned to the JDK starts in
     * that mode, and the listener hears of it.
     *
     * @param className  binary name of the class
     * @param methodName the method's name
     * @param descriptor the method's JVM descriptor
     * @param line       source line of the call, or -1
     * @param index      0-based index of the site among the method's sites, in code order
     * @param javaName   the site in Java notation
     */
    public synchronized int register(String className, String methodName, String descriptor, int line, int index,
                                     String javaName) {
        String key = className + '.' + methodName + descriptor + '#' + index;
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        AllocationSite[] now = sites;
        SiteMode pin = pinned(className, methodName, line);
        AllocationSite site = new AllocationSite(now.length, className, methodName + descriptor, line, javaName, pin);
        AllocationSite[] grown = Arrays.copyOf(now, now.length + 1);
        grown[site.id()] = site;
        sites = grown;
        ids.put(key, site.id());
        if (pin == SiteMode.JDK) {
            change(site, SiteMode.JDK, "pinned by option");
        }
        return site.id();
    }

    private SiteMode pinned(String className, String methodName, int line) {
        try {
            return pins.pinned(className, methodName, line);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Site {@code id}; the unattributed site for an id this table does not hold (never thrown:
     * this is the rewritten call's path).
     */
    public AllocationSite site(int id) {
        AllocationSite[] now = sites;
        return id >= 0 && id < now.length ? now[id] : now[UNATTRIBUTED];
    }

    /** Sites registered so far, the unattributed one included (ids 0 to count - 1). */
    public int count() {
        return sites.length;
    }

    /** Whether any site is at the JDK now. */
    public boolean anyAtJdk() {
        for (AllocationSite site : sites) {
            if (site.mode() == SiteMode.JDK) {
                return true;
            }
        }
        return false;
    }

    /** Calls the JDK served because their site was in JDK mode, over every site. */
    public long jdkModeCalls() {
        long calls = 0;
        for (AllocationSite site : sites) {
            calls += site.jdkModeCalls();
        }
        return calls;
    }

    /** Every site now, by id. */
    public List<AllocationSite> all() {
        return List.of(sites);
    }

    /**
     * Sets site {@code id} to {@code mode}, unless it is pinned or already there; returns whether
     * it changed. Buffers already lent out keep their lease and come back by their own path.
     */
    public synchronized boolean decide(int id, SiteMode mode, String reason) {
        AllocationSite site = site(id);
        if (site.id() != id || site.pin() != null || site.mode() == mode) {
            return false;
        }
        change(site, mode, reason);
        return true;
    }

    private void change(AllocationSite site, SiteMode mode, String reason) {
        SiteMode before = site.mode();
        site.mode(mode);
        try {
            decisions.decided(site, before, reason);
        } catch (RuntimeException e) {
            // the listener reports for itself; a decision stands whatever it does
        }
    }
}
