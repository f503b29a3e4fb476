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

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolListener;
import io.pagepool.pool.SizeClassPool;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Connects pools to JFR and JMX.
 *
 * <pre>{@code
 * PagePool pool = PoolRecorder.register(PagePool.builder()
 *         .name("rx")
 *         .listener(PoolRecorder.listener())   // SlowAllocation, Waive, PoolLifecycle events
 *         .build());                           // register: statistics, samples, MXBean
 * }</pre>
 *
 * <p>{@link #register} adds the pool to the periodic {@code io.pagepool.PoolStatistics} and
 * {@code io.pagepool.CacheStatistics} events, installs the allocation sampler behind
 * {@code io.pagepool.AllocationSample} and {@code io.pagepool.LeakSuspect}, registers the pool's
 * {@link PagePoolMXBean} and commits {@code io.pagepool.PoolLifecycle} "created". Events cost
 * nothing while no recording enables them: JFR runs the periodic hooks only for enabled events,
 * and the sampler, called every Nth fast-path allocation, checks two enabled flags.
 *
 * <p>A pool leaves the recorder when {@link #unregister} is called, when it is fully closed (the
 * listener's {@code closed} callback removes its MXBean at once; the next statistics period emits
 * its last events and forgets it), or when it is garbage-collected: the recorder holds pools
 * weakly. Pool names are the key in JFR and JMX: two registered pools may not share one.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class PoolRecorder {
    /** The default N: every Nth fast-path allocation of each thread cache is sampled. */
    public static final int DEFAULT_FAST_PATH_SAMPLE_INTERVAL = 1024;
    /** The JMX domain of the pools' MXBeans. */
    public static final String JMX_DOMAIN = "io.pagepool";

    private static final PoolEventListener LISTENER = new PoolEventListener();
    private static final List<Registration> REGISTRATIONS = new CopyOnWriteArrayList<>();
    /** Serializes register, unregister and forget; never held while JFR hooks run. */
    private static final Object LOCK = new Object();

    private PoolRecorder() {
    }

    /** The listener to give {@code PagePoolBuilder.listener(...)}: a shared {@link PoolEventListener}. */
    public static PoolListener listener() {
        return LISTENER;
    }

    /** {@link #register(PagePool, int)} with {@link #DEFAULT_FAST_PATH_SAMPLE_INTERVAL}. */
    public static PagePool register(PagePool pool) {
        return register(pool, DEFAULT_FAST_PATH_SAMPLE_INTERVAL);
    }

    /**
     * Records {@code pool}: periodic statistics, allocation samples (every
     * {@code fastPathSampleInterval}-th fast-path allocation of each cache and every slower one),
     * leak suspects, its MXBean, and a "created" lifecycle event. Registering a registered pool
     * again only changes the interval. Returns the pool.
     *
     * @throws IllegalArgumentException when the interval is not 1..65536
     * @throws IllegalStateException when the pool is closed, or another registered pool has its name
     */
    public static PagePool register(PagePool pool, int fastPathSampleInterval) {
        Objects.requireNonNull(pool, "pool");
        if (pool.isClosed()) {
            throw new IllegalStateException("pool '" + pool.name() + "' is closed: it cannot be registered");
        }
        synchronized (LOCK) {
            sweep();
            for (Registration r : REGISTRATIONS) {
                if (r.holds(pool)) {
                    pool.setAllocationSampler(EventSampler.INSTANCE, fastPathSampleInterval);
                    return pool;
                }
                if (r.poolName.equals(pool.name())) {
                    throw new IllegalStateException("another pool named '" + pool.name()
                            + "' is registered: pool names identify pools in JFR and JMX, give each its own");
                }
            }
            pool.setAllocationSampler(EventSampler.INSTANCE, fastPathSampleInterval); // validates the interval
            ObjectName name = objectName(pool.name());
            try {
                server().registerMBean(new PoolMXBeanAdapter(pool), name);
            } catch (InstanceAlreadyExistsException e) {
                pool.setAllocationSampler(null, 1);
                throw new IllegalStateException("an MBean named " + name + " already exists: another pool named '"
                        + pool.name() + "' in this JVM, outside this recorder", e);
            } catch (JMException e) {
                pool.setAllocationSampler(null, 1);
                throw new IllegalStateException("could not register the MXBean of pool '" + pool.name() + "': " + e, e);
            }
            PeriodicStatistics.install();
            REGISTRATIONS.add(new Registration(pool, name));
        }
        PoolEventListener.commitLifecycle(pool.name(), PoolLifecycleEvent.CREATED, 0, 0, 0,
                describe(pool, fastPathSampleInterval));
        return pool;
    }

    /**
     * Records every size class of {@code group} as the pool it is ({@link #register(PagePool)}):
     * its own {@code io.pagepool.PoolStatistics} and {@code CacheStatistics} events (their
     * {@code pageSize} the class, their {@code poolName} the group's name and the class,
     * {@code pagepool-agent-2k}), samples, MXBean ({@code io.pagepool:type=PagePool,name=pagepool-agent-2k})
     * and "created" event. Returns the group.
     *
     * @throws IllegalStateException as {@link #register(PagePool)}, for the first class that fails
     *         (the classes before it stay registered)
     */
    public static SizeClassPool register(SizeClassPool group) {
        for (PagePool cls : group.classes()) {
            register(cls);
        }
        return group;
    }

    /** Stops recording every size class of {@code group}; false when none was registered. */
    public static boolean unregister(SizeClassPool group) {
        boolean any = false;
        for (PagePool cls : group.classes()) {
            any |= unregister(cls);
        }
        return any;
    }

    /**
     * Stops recording {@code pool}: removes its sampler (whatever sampler it has) and its MXBean,
     * forgets its sampled leases, and, when a recording enables them, commits its last statistics
     * events (so the PoolStatistics deltas of a recording add up to the pool's counters). Returns
     * false when the pool was not registered.
     */
    public static boolean unregister(PagePool pool) {
        Objects.requireNonNull(pool, "pool");
        Registration registration = null;
        synchronized (LOCK) {
            for (Registration r : REGISTRATIONS) {
                if (r.holds(pool)) {
                    registration = r;
                    break;
                }
            }
            if (registration == null) {
                return false;
            }
            pool.setAllocationSampler(null, 1);
            flush(registration, pool);
            forget(registration);
        }
        return true;
    }

    /** True while {@code pool} is registered. */
    public static boolean isRegistered(PagePool pool) {
        for (Registration r : REGISTRATIONS) {
            if (r.holds(pool)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name of a pool's MXBean: {@code io.pagepool:type=PagePool,name=<pool>}, the name quoted
     * when it holds a character that ObjectName reserves.
     */
    public static ObjectName objectName(String poolName) {
        String value = poolName.chars().anyMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0) ? ObjectName.quote(poolName)
                : poolName;
        try {
            return new ObjectName(JMX_DOMAIN + ":type=PagePool,name=" + value);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("pool name '" + poolName + "' makes no JMX name: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ package-private

    /** The live registrations (a snapshot to iterate). */
    static List<Registration> registrations() {
        return REGISTRATIONS;
    }

    /**
     * Called by the listener when {@code pool} finished closing (perhaps on the pool's close
     * thread): its MXBean goes at once. Under LOCK, and only while the pool's registration is
     * still listed: once it was forgotten, a new pool of the same name may own the ObjectName.
     */
    static void closed(PagePool pool) {
        synchronized (LOCK) {
            for (Registration r : REGISTRATIONS) {
                if (r.holds(pool)) {
                    unregisterMBean(r);
                }
            }
            LeaseTable.forget(pool);
        }
    }

    /** Forgets a registration whose pool is fully closed, collected or unregistered. */
    static void forget(Registration r) {
        synchronized (LOCK) {
            if (REGISTRATIONS.remove(r)) {
                unregisterMBean(r);
                PagePool pool = r.pool();
                if (pool != null) {
                    LeaseTable.forget(pool);
                }
            }
        }
    }

    /** The last statistics of a pool leaving the recorder, if a recording wants them. */
    private static void flush(Registration r, PagePool pool) {
        if (new PoolStatisticsEvent().isEnabled()) {
            r.commitPoolStatistics(pool);
        }
        if (new CacheStatisticsEvent().isEnabled()) {
            r.commitCacheStatistics(pool);
        }
    }

    /** Forgets registrations of collected and fully closed pools. Under LOCK. */
    private static void sweep() {
        for (Registration r : REGISTRATIONS) {
            PagePool pool = r.pool();
            if (pool == null || pool.isFullyClosed()) {
                forget(r);
            }
        }
    }

    private static void unregisterMBean(Registration r) {
        try {
            server().unregisterMBean(r.objectName);
        } catch (InstanceNotFoundException e) {
            // already gone (closed earlier)
        } catch (JMException e) {
            throw new IllegalStateException("could not unregister " + r.objectName + ": " + e, e);
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static String describe(PagePool pool, int sampleInterval) {
        return "pageSize=" + pool.pageSize() + ", mapping=" + pool.mapping() + ", maxMemoryBytes="
                + pool.maxMemoryBytes() + ", cacheCapacity=" + pool.newCacheCapacity() + ", maxCacheCapacity="
                + pool.maxCacheCapacity() + ", refillBatch=" + pool.refillBatch() + ", ringCapacity="
                + pool.ringCapacity() + ", maxRingCapacity=" + pool.maxRingCapacity() + ", slabReserve="
                + pool.slabReserve() + ", stats=" + pool.statsEnabled() + ", zero=" + pool.zeroes() + ", mmap="
                + pool.usesMmap() + ", fastPathSampleInterval=" + sampleInterval;
    }
}
