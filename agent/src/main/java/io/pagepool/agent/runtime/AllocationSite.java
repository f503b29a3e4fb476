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

import java.nio.ByteBuffer;

/**
 * One rewritten {@code ByteBuffer.allocateDirect} call site: its identity (the same class, method
 * and line as its {@code io.pagepool.ScopeVerdict} event, and a name in Java notation), its mode,
 * an optional pin, and its run-time figures.
 *
 * <p>Threading: {@link #mode()} is a volatile read, written only by {@link SiteTable#decide} (under
 * the table's monitor); the figures are {@link SiteCounters}. Pages already lent out keep their
 * lease whatever the mode becomes, and are credited here whichever path returns them.
 */
public final class AllocationSite {
    private final int id;
    private final String className;
    private final String method;
    private final int line;
    private final String javaName;
    private final SiteMode pin;
    private final SiteCounters counters = new SiteCounters();
    private volatile SiteMode mode = SiteMode.POOLED;

    AllocationSite(int id, String className, String method, int line, String javaName, SiteMode pin) {
        this.id = id;
        this.className = className;
        this.method = method;
        this.line = line;
        this.javaName = javaName;
        this.pin = pin;
    }

    /** Index in the {@link SiteTable}, the constant the rewritten call passes. */
    public int id() {
        return id;
    }

    /** Binary name of the class holding the site, e.g. {@code com.acme.Server}. */
    public String className() {
        return className;
    }

    /** Name and JVM descriptor of the method holding the site. */
    public String method() {
        return method;
    }

    /** Source line of the call, or -1. */
    public int line() {
        return line;
    }

    /** Java notation: {@code com.acme.Server.read(SelectionKey) line 42}. */
    public String javaName() {
        return javaName;
    }

    /** The mode a user pinned with {@code site=}, or null when the tuner decides. */
    public SiteMode pin() {
        return pin;
    }

    /** How the site serves its calls now. */
    public SiteMode mode() {
        return mode;
    }

    void mode(SiteMode newMode) {
        mode = newMode;
    }

    /** The JDK mode's call: counted, then the JDK's own allocation. */
    ByteBuffer allocateByJdk(int capacity) {
        counters.increment(SiteCounters.JDK_MODE);
        return ByteBuffer.allocateDirect(capacity);
    }

    void served() {
        counters.increment(SiteCounters.SERVED);
    }

    void waived() {
        counters.increment(SiteCounters.WAIVED);
    }

    /** Calls the JDK served because the site was in JDK mode (not the pool's waives). */
    public long jdkModeCalls() {
        return counters.sum(SiteCounters.JDK_MODE);
    }

    /** One page of this site came back by {@code path} (ignored paths are not credited). */
    void returned(ReleasePath path) {
        int figure = ReleaseFigures.figure(path);
        if (figure >= 0) {
            counters.increment(figure);
        }
    }

    /** {@code pages} pages came back by reachability. */
    void returnedUnreachable(int pages) {
        counters.add(SiteCounters.RETURNED_REACHABILITY, pages);
    }

    /** The figures now: a racy sum per figure (see {@link SiteCounters}). */
    public SiteFigures figures() {
        long served = counters.sum(SiteCounters.SERVED);
        long scoped = counters.sum(SiteCounters.RETURNED_SCOPED);
        long methodReturns = counters.sum(SiteCounters.RETURNED_METHOD);
        long cleaner = counters.sum(SiteCounters.RETURNED_CLEANER);
        long api = counters.sum(SiteCounters.RETURNED_API);
        long reachability = counters.sum(SiteCounters.RETURNED_REACHABILITY);
        return new SiteFigures(served, scoped, methodReturns, cleaner, api, reachability,
                Math.max(0, served - scoped - methodReturns - cleaner - api - reachability),
                counters.sum(SiteCounters.WAIVED) + counters.sum(SiteCounters.JDK_MODE));
    }

    @Override
    public String toString() {
        return javaName + " [" + mode + (pin != null ? ", pinned" : "") + "]";
    }
}
