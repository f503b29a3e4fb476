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
import io.pagepool.pool.PoolCounter;
import io.pagepool.pool.PoolStats;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import javax.management.ImmutableDescriptor;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.StandardMBean;

/**
 * The {@link PagePoolMXBean} of one pool. Holds the pool weakly: the platform MBean server keeps
 * this object reachable until it is unregistered, and it must not keep the pool alive.
 *
 * <p>The attributes that are entries of the counter table {@link PoolCounter} take their
 * description and their {@code units} descriptor field from it; {@code CounterTableAgreementTest}
 * checks that every entry is an attribute.
 */
final class PoolMXBeanAdapter extends StandardMBean implements PagePoolMXBean {
    private final WeakReference<PagePool> pool;
    private final String name;
    private final MBeanInfo info;

    PoolMXBeanAdapter(PagePool pool) {
        super(PagePoolMXBean.class, true);
        this.pool = new WeakReference<>(pool);
        this.name = pool.name();
        this.info = withCounterTable(super.getMBeanInfo());
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    /** {@code base} with the table's description and units on every attribute that is a table entry. */
    private static MBeanInfo withCounterTable(MBeanInfo base) {
        Map<String, PoolCounter> byAttribute = new HashMap<>();
        for (PoolCounter c : PoolCounter.ALL) {
            byAttribute.put(c.attributeName(), c);
        }
        MBeanAttributeInfo[] attributes = base.getAttributes().clone();
        for (int i = 0; i < attributes.length; i++) {
            MBeanAttributeInfo a = attributes[i];
            PoolCounter c = byAttribute.get(a.getName());
            if (c != null) {
                attributes[i] = new MBeanAttributeInfo(a.getName(), a.getType(), c.description(), a.isReadable(),
                        a.isWritable(), a.isIs(), ImmutableDescriptor.union(a.getDescriptor(),
                        new ImmutableDescriptor("units=" + c.unit().symbol())));
            }
        }
        return new MBeanInfo(base.getClassName(), base.getDescription(), attributes, base.getConstructors(),
                base.getOperations(), base.getNotifications(), base.getDescriptor());
    }

    private PagePool pool() {
        PagePool p = pool.get();
        if (p == null) {
            throw new IllegalStateException("pool '" + name + "' was garbage-collected");
        }
        return p;
    }

    private PoolStats stats() {
        return pool().stats();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getPageSize() {
        return pool().pageSize();
    }

    @Override
    public String getMapping() {
        return pool().mapping().name();
    }

    @Override
    public long getMaxMemoryBytes() {
        return pool().maxMemoryBytes();
    }

    @Override
    public boolean isStatsEnabled() {
        return pool().statsEnabled();
    }

    @Override
    public boolean isZeroing() {
        return pool().zeroes();
    }

    @Override
    public boolean isMmapSlabs() {
        return pool().usesMmap();
    }

    @Override
    public boolean isClosed() {
        return pool().isClosed();
    }

    @Override
    public int getCacheCapacity() {
        return pool().newCacheCapacity();
    }

    @Override
    public int getMaxCacheCapacity() {
        return pool().maxCacheCapacity();
    }

    @Override
    public int getRefillBatch() {
        return pool().refillBatch();
    }

    @Override
    public int getRingCapacity() {
        return pool().ringCapacity();
    }

    @Override
    public int getMaxRingCapacity() {
        return pool().maxRingCapacity();
    }

    @Override
    public int getSlabReserve() {
        return pool().slabReserve();
    }

    @Override
    public long getAllocFast() {
        return stats().allocFast();
    }

    @Override
    public long getAllocSlow() {
        return stats().allocSlow();
    }

    @Override
    public long getAllocSlowHighOrder() {
        return stats().allocSlowHighOrder();
    }

    @Override
    public long getAllocEmpty() {
        return stats().allocEmpty();
    }

    @Override
    public long getAllocRefill() {
        return stats().allocRefill();
    }

    @Override
    public long getAllocWaive() {
        return stats().allocWaive();
    }

    @Override
    public long getRecycleCached() {
        return stats().recycleCached();
    }

    @Override
    public long getRecycleCacheFull() {
        return stats().recycleCacheFull();
    }

    @Override
    public long getRecycleRing() {
        return stats().recycleRing();
    }

    @Override
    public long getRecycleRingFull() {
        return stats().recycleRingFull();
    }

    @Override
    public long getRecycleReleasedRefcnt() {
        return stats().recycleReleasedRefcnt();
    }

    @Override
    public long getAllocPages() {
        return stats().allocPages();
    }

    @Override
    public long getReleasePages() {
        return stats().releasePages();
    }

    @Override
    public long getWaiveBudget() {
        return stats().waiveBudget();
    }

    @Override
    public long getWaiveSize() {
        return stats().waiveSize();
    }

    @Override
    public long getWaiveClosed() {
        return stats().waiveClosed();
    }

    @Override
    public long getSlabsMapped() {
        return stats().slabsMapped();
    }

    @Override
    public long getSlabsUnmapped() {
        return stats().slabsUnmapped();
    }

    @Override
    public long getMappingFallbacks() {
        return stats().mappingFallbacks();
    }

    @Override
    public long getDoubleReturnsDropped() {
        return stats().doubleReturnsDropped();
    }

    @Override
    public double getFastPathRatio() {
        return stats().fastPathRatio();
    }

    @Override
    public long getInflightPages() {
        return stats().inflightPages();
    }

    @Override
    public long getPagesMapped() {
        return stats().pagesMapped();
    }

    @Override
    public long getBytesMapped() {
        return stats().bytesMapped();
    }

    @Override
    public int getRingSize() {
        return stats().ringSize();
    }

    @Override
    public long getCachedPages() {
        return stats().cachedPages();
    }

    @Override
    public int getThreadCaches() {
        return stats().threadCaches();
    }

    @Override
    public long getCacheCapacityTotal() {
        return stats().cacheCapacityTotal();
    }
}
