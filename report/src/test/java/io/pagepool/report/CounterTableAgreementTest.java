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
package io.pagepool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolCounter;
import io.pagepool.pool.PoolStats;
import io.pagepool.recorder.EventNames;
import io.pagepool.recorder.PoolRecorder;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The counter table {@link PoolCounter} is the one place that names, labels, describes and gives
 * the unit of a pool counter: every view of the counters agrees with it, or this test fails
 * naming the view and the entry. The views: {@link PoolStats} (components and their Javadoc),
 * the JFR event {@code io.pagepool.PoolStatistics} (fields, labels, descriptions, units), the
 * pool's MXBean (attributes, descriptions, units, values), the report's JSON (keys and values) and
 * its schema (keys and descriptions).
 */
class CounterTableAgreementTest {
    /** The event's own fields, which are not pool counters. */
    private static final Set<String> EVENT_OWN_FIELDS = Set.of("poolName", "pageSize", "mapping", "interval",
            "fastPathRatio");
    /** The MXBean's identity, configuration and knob attributes, which are not pool counters. */
    private static final Set<String> MXBEAN_OWN_ATTRIBUTES = Set.of("Name", "PageSize", "Mapping", "StatsEnabled",
            "Zeroing", "MmapSlabs", "Closed", "CacheCapacity", "MaxCacheCapacity", "RefillBatch", "MaxRingCapacity",
            "SlabReserve", "FastPathRatio");

    @Test
    void poolStatsHasOneComponentPerEntryInTheTablesOrderAndTheReaderReadsIt() throws Exception {
        RecordComponent[] components = PoolStats.class.getRecordComponents();
        assertEquals(PoolCounter.ALL.stream().map(PoolCounter::fieldName).toList(),
                java.util.Arrays.stream(components).map(RecordComponent::getName).toList(), "PoolStats components");
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == int.class ? (Object) (i + 1) : (Object) (i + 1000L);
        }
        Constructor<PoolStats> canonical = PoolStats.class.getDeclaredConstructor(types);
        PoolStats distinct = canonical.newInstance(values);
        for (int i = 0; i < components.length; i++) {
            PoolCounter c = PoolCounter.ALL.get(i);
            assertEquals(((Number) values[i]).longValue(), c.read(distinct), c + " reads PoolStats." + c.fieldName());
        }
    }

    @Test
    void poolStatsJavadocDescribesEachComponentWithTheTablesDescription() throws Exception {
        Path source = Path.of(System.getProperty("user.dir")).resolveSibling("pool")
                .resolve("src/main/java/io/pagepool/pool/PoolStats.java");
        assertTrue(Files.isReadable(source), source + " (the test runs in the report module's directory)");
        String javadoc = Files.readString(source);
        javadoc = javadoc.substring(javadoc.indexOf("/**")); // the class Javadoc, after the license header
        javadoc = javadoc.substring(0, javadoc.indexOf("*/"));
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = Pattern.compile("@param (\\w+) ((?:(?!@param)[\\s\\S])*)").matcher(javadoc);
        while (m.find()) {
            params.put(m.group(1), m.group(2).replaceAll("\\s*\\n\\s*\\*\\s*", " ").strip());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        PoolCounter.ALL.forEach(c -> expected.put(c.fieldName(), c.description()));
        assertEquals(expected, params, "PoolStats' @param lines");
    }

    @Test
    void thePoolStatisticsEventCarriesEveryEntryWithItsLabelDescriptionAndUnit() {
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name("table-jfr-" + System.nanoTime()).build())) {
            EventType type = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .filter(t -> t.getName().equals(EventNames.POOL_STATISTICS)).findFirst()
                    .orElseThrow(() -> new AssertionError(EventNames.POOL_STATISTICS + " is registered"));
            Set<String> expectedFields = new TreeSet<>(EVENT_OWN_FIELDS);
            PoolCounter.ALL.forEach(c -> expectedFields.add(EventNames.poolStatisticsField(c)));
            Set<String> fields = type.getFields().stream().map(ValueDescriptor::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            fields.removeAll(Set.of("startTime", "duration", "eventThread", "stackTrace"));
            assertEquals(expectedFields, fields, "the event's fields");
            for (PoolCounter c : PoolCounter.ALL) {
                ValueDescriptor f = type.getField(EventNames.poolStatisticsField(c));
                assertEquals(c.label(), f.getLabel(), "label of event field " + f.getName());
                assertEquals(c.description(), f.getDescription(), "description of event field " + f.getName());
                assertEquals(c.unit() == PoolCounter.Unit.BYTES ? "jdk.jfr.DataAmount" : null, f.getContentType(),
                        "unit of event field " + f.getName());
                assertEquals("long", f.getTypeName(), f.getName());
            }
            PoolRecorder.unregister(pool);
        }
    }

    @Test
    void theMxBeanHasEveryEntryWithItsDescriptionUnitAndValue() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String name = "table-jmx-" + System.nanoTime();
        try (PagePool pool = PoolRecorder.register(PagePool.builder().name(name).build())) {
            List<Page> held = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                held.add(pool.alloc());
            }
            for (int i = 0; i < 200; i++) {
                held.removeLast().release();
            }
            ObjectName objectName = PoolRecorder.objectName(name);
            MBeanInfo info = server.getMBeanInfo(objectName);
            Map<String, MBeanAttributeInfo> attributes = new HashMap<>();
            for (MBeanAttributeInfo a : info.getAttributes()) {
                attributes.put(a.getName(), a);
            }
            Set<String> expected = new TreeSet<>(MXBEAN_OWN_ATTRIBUTES);
            PoolCounter.ALL.forEach(c -> expected.add(c.attributeName()));
            assertEquals(expected, new TreeSet<>(attributes.keySet()), "the MXBean's attributes");
            PoolStats stats = pool.stats();
            for (PoolCounter c : PoolCounter.ALL) {
                MBeanAttributeInfo a = attributes.get(c.attributeName());
                assertEquals(c.description(), a.getDescription(), "description of attribute " + a.getName());
                assertEquals(c.unit().symbol(), a.getDescriptor().getFieldValue("units"), "units of " + a.getName());
                Object value = server.getAttribute(objectName, a.getName());
                assertEquals(c.read(stats), ((Number) value).longValue(), "value of attribute " + a.getName());
            }
            held.forEach(Page::release);
            PoolRecorder.unregister(pool);
        }
    }

    @Test
    void theReportHasEveryCounterUnderItsKeyWithTheTablesDescriptionAndTheRecordedTotal() throws Exception {
        Set<PoolCounter> counters = new TreeSet<>(PoolSummary.COUNTERS);
        assertEquals(counters, new TreeSet<>(JsonReport.COUNTER_KEYS.keySet()), "counters in the report's JSON");
        assertEquals(PoolCounter.ALL.stream().filter(c -> c.kind() == PoolCounter.Kind.COUNTER)
                .collect(Collectors.toCollection(TreeSet::new)), counters, "the report sums every counter");

        Map<String, Object> poolSchema = MiniJson.obj(JsonSchemaTest.schema(), "$defs", "pool", "properties");
        ReportWorkload w = ReportWorkload.get();
        Object section = MiniJson.list(Reports.json(w.first.toString()), "recordings").getFirst();
        Map<String, Object> rx = MiniJson.list(section, "pools").stream().map(MiniJson::obj)
                .filter(p -> w.rx.equals(p.get("name"))).findFirst().orElseThrow();
        for (Map.Entry<PoolCounter, String> e : JsonReport.COUNTER_KEYS.entrySet()) {
            PoolCounter c = e.getKey();
            String[] path = e.getValue().split("\\.");
            Map<String, Object> group = MiniJson.obj(poolSchema, path[0]);
            assertTrue(MiniJson.list(group, "required").contains(path[1]), e.getValue() + " is required");
            Object description = MiniJson.obj(group, "properties", path[1]).get("description");
            assertNotNull(description, "schema description of " + e.getValue());
            assertTrue(((String) description).startsWith(c.description()),
                    "schema description of " + e.getValue() + " starts with the table's: " + description);
            assertEquals(c.read(w.rxFirst), MiniJson.num(rx, path), "report value " + e.getValue() + " = " + c);
        }
    }
}
