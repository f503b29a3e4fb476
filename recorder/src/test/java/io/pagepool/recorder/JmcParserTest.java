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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.IDescribable;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * The workload's recording loads in JDK Mission Control's own parser
 * ({@code org.openjdk.jmc:flightrecorder}, {@link JfrLoaderToolkit#loadEvents}): every pagepool type
 * is found with its labels and units, and the values agree with the pool's counters.
 */
class JmcParserTest {
    private static IItemCollection items;

    @BeforeAll
    static void load() throws Exception {
        items = JfrLoaderToolkit.loadEvents(RecordedWorkload.get().file.toFile());
    }

    @Test
    void everyPagepoolTypeIsFoundWithItsLabel() {
        for (String name : EventNames.ALL) {
            IItemCollection ofType = items.apply(ItemFilters.type(name));
            assertTrue(ofType.hasItems(), name + " has events in JMC");
            for (IItemIterable iterable : ofType) {
                IType<IItem> type = iterable.getType();
                assertEquals(name, type.getIdentifier());
                assertTrue(type.getName() != null && type.getName().startsWith("Page Pool"), type.getName());
            }
        }
    }

    @Test
    void poolStatisticsAttributesHaveLabelsUnitsAndTheRightSums() {
        RecordedWorkload w = RecordedWorkload.get();
        long allocFast = 0;
        long recycleRing = 0;
        int seen = 0;
        for (IItemIterable iterable : items.apply(ItemFilters.type(EventNames.POOL_STATISTICS))) {
            IType<IItem> type = iterable.getType();
            Map<String, IAccessorKey<?>> keys = new HashMap<>();
            Map<String, IDescribable> described = new HashMap<>();
            type.getAccessorKeys().forEach((k, d) -> {
                keys.put(k.getIdentifier(), k);
                described.put(k.getIdentifier(), d);
            });
            assertEquals("Bytes Mapped", described.get("bytesMapped").getName());
            assertNotNull(described.get("bytesMapped").getDescription());
            assertEquals(UnitLookup.MEMORY, keys.get("bytesMapped").getContentType());
            assertEquals(UnitLookup.PERCENTAGE, keys.get("fastPathRatio").getContentType());
            assertEquals(UnitLookup.TIMESPAN, keys.get("interval").getContentType());
            IMemberAccessor<?, IItem> poolName = type.getAccessor(keys.get("poolName"));
            IMemberAccessor<?, IItem> fast = type.getAccessor(keys.get("allocFast"));
            IMemberAccessor<?, IItem> ring = type.getAccessor(keys.get("recycleRing"));
            for (IItem item : iterable) {
                if (w.poolName.equals(poolName.getMember(item))) {
                    allocFast += longValue(fast.getMember(item));
                    recycleRing += longValue(ring.getMember(item));
                    seen++;
                }
            }
        }
        assertTrue(seen >= 5, "events of the workload's pool: " + seen);
        assertEquals(w.expected.allocFast(), allocFast);
        assertEquals(w.expected.recycleRing(), recycleRing);
    }

    /** JMC gives counts without a unit as numbers, amounts as quantities. */
    private static long longValue(Object member) {
        return member instanceof IQuantity q ? q.longValue() : ((Number) member).longValue();
    }

    @Test
    void slowAllocationMapTimeIsATimespanAndWaiveReasonsAreText() {
        for (IItemIterable iterable : items.apply(ItemFilters.type(EventNames.SLOW_ALLOCATION))) {
            Map<String, IAccessorKey<?>> keys = new HashMap<>();
            iterable.getType().getAccessorKeys().keySet().forEach(k -> keys.put(k.getIdentifier(), k));
            assertEquals(UnitLookup.TIMESPAN, keys.get("mapTime").getContentType());
            assertEquals(UnitLookup.MEMORY, keys.get("slabBytes").getContentType());
        }
        for (IItemIterable iterable : items.apply(ItemFilters.type(EventNames.WAIVE))) {
            Map<String, IAccessorKey<?>> keys = new HashMap<>();
            iterable.getType().getAccessorKeys().keySet().forEach(k -> keys.put(k.getIdentifier(), k));
            assertEquals(UnitLookup.PLAIN_TEXT, keys.get("reason").getContentType());
        }
    }
}
