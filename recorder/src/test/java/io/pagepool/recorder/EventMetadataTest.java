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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Names, category, labels, descriptions and units of every pagepool event, as written to a recording. */
class EventMetadataTest {
    private static final Set<String> IMPLICIT = Set.of("startTime", "duration", "eventThread", "stackTrace");

    private static Map<String, EventType> recordedTypes() throws Exception {
        try (RecordingFile file = new RecordingFile(RecordedWorkload.get().file)) {
            Map<String, EventType> types = new HashMap<>();
            for (EventType t : file.readEventTypes()) {
                types.put(t.getName(), t);
            }
            return types;
        }
    }

    @Test
    void everyEventHasItsPublicNameTheCategoryAndALabelAndDescriptionOnEveryField() throws Exception {
        Map<String, EventType> types = recordedTypes();
        for (String name : EventNames.ALL) {
            EventType type = types.get(name);
            assertNotNull(type, name + " is in the recording's metadata");
            assertEquals(List.of("Page Pool"), type.getCategoryNames(), name);
            assertNotNull(type.getLabel(), name);
            assertNotNull(type.getDescription(), name);
            for (ValueDescriptor field : type.getFields()) {
                if (IMPLICIT.contains(field.getName())) {
                    continue;
                }
                assertNotNull(field.getLabel(), name + "." + field.getName() + " has a label");
                assertNotNull(field.getDescription(), name + "." + field.getName() + " has a description");
                assertFalse(field.getDescription().isBlank(), name + "." + field.getName());
            }
        }
    }

    @Test
    void poolStatisticsHasEveryCounterOfTheIssueUnderItsName() throws Exception {
        EventType type = recordedTypes().get(EventNames.POOL_STATISTICS);
        Set<String> fields = type.getFields().stream().map(ValueDescriptor::getName).collect(Collectors.toSet());
        for (String f : List.of("poolName", "pageSize", "mapping", "allocFast", "allocSlow", "allocSlowHighOrder",
                "allocEmpty", "allocRefill", "allocWaive", "recycleCached", "recycleCacheFull", "recycleRing",
                "recycleRingFull", "recycleReleasedRefcnt", "fastPathRatio", "inflightPages", "ringSize",
                "ringCapacity", "pagesMapped", "bytesMapped", "maxMemory", "threadCaches", "cacheCapacityTotal")) {
            assertTrue(fields.contains(f), "PoolStatistics." + f);
        }
    }

    @Test
    void amountsTimesAndRatiosCarryTheirUnits() throws Exception {
        Map<String, EventType> types = recordedTypes();
        Map<String, String> expected = Map.ofEntries(
                Map.entry(EventNames.POOL_STATISTICS + "#pageSize", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.POOL_STATISTICS + "#bytesMapped", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.POOL_STATISTICS + "#maxMemory", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.POOL_STATISTICS + "#fastPathRatio", "jdk.jfr.Percentage"),
                Map.entry(EventNames.POOL_STATISTICS + "#interval", "jdk.jfr.Timespan"),
                Map.entry(EventNames.CACHE_STATISTICS + "#interval", "jdk.jfr.Timespan"),
                Map.entry(EventNames.ALLOCATION_SAMPLE + "#requestedBytes", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.SLOW_ALLOCATION + "#slabBytes", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.SLOW_ALLOCATION + "#mapTime", "jdk.jfr.Timespan"),
                Map.entry(EventNames.WAIVE + "#requestedBytes", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.LEAK_SUSPECT + "#age", "jdk.jfr.Timespan"),
                Map.entry(EventNames.LEAK_SUSPECT + "#requestedBytes", "jdk.jfr.DataAmount"),
                Map.entry(EventNames.POOL_LIFECYCLE + "#closeAge", "jdk.jfr.Timespan"));
        expected.forEach((key, unit) -> {
            String[] parts = key.split("#");
            ValueDescriptor field = types.get(parts[0]).getField(parts[1]);
            assertNotNull(field, key);
            assertEquals(unit, field.getContentType(), key);
        });
        assertEquals(null, types.get(EventNames.POOL_STATISTICS).getField("allocFast").getContentType(),
                "counts carry no unit");
    }

    @Test
    void periodicThrottledAndStackTraceDefaultsMatchTheIssue() {
        PeriodicStatistics.install(); // JFR gives an event type its period setting once it has a hook
        Map<String, EventType> types = Map.of(
                EventNames.POOL_STATISTICS, EventType.getEventType(PoolStatisticsEvent.class),
                EventNames.CACHE_STATISTICS, EventType.getEventType(CacheStatisticsEvent.class),
                EventNames.ALLOCATION_SAMPLE, EventType.getEventType(AllocationSampleEvent.class));
        assertEquals("1 s", setting(types.get(EventNames.POOL_STATISTICS), "period"));
        assertEquals("1 s", setting(types.get(EventNames.CACHE_STATISTICS), "period"));
        assertEquals("100/s", setting(types.get(EventNames.ALLOCATION_SAMPLE), "throttle"));
        assertEquals("true", setting(types.get(EventNames.ALLOCATION_SAMPLE), "stackTrace"));
        assertEquals("false", setting(types.get(EventNames.ALLOCATION_SAMPLE), "enabled"), "on through pagepool.jfc");
        assertEquals("false", setting(EventType.getEventType(LeakSuspectEvent.class), "enabled"));
        assertEquals("true", setting(EventType.getEventType(SlowAllocationEvent.class), "enabled"));
    }

    private static String setting(EventType type, String name) {
        return type.getSettingDescriptors().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type.getName() + " has no setting " + name + ": "
                        + type.getSettingDescriptors().stream().map(d -> d.getName() + "=" + d.getDefaultValue()
                                + " (" + d.getTypeName() + ")").toList())).getDefaultValue();
    }
}
