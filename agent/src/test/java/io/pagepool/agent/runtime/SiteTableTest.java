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

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registering sites, pins, and decisions: ids stable, pinned sites untouched, each change heard once. */
class SiteTableTest {

    @Test
    void aSiteRegisteredAgainKeepsItsId() {
        SiteTable table = new SiteTable();
        int first = table.register("a.B", "run", "()V", 10, 0, "a.B.run() line 10");
        int second = table.register("a.B", "run", "()V", 11, 1, "a.B.run() line 11");
        assertNotEquals(SiteTable.UNATTRIBUTED, first);
        assertNotEquals(first, second);
        assertEquals(first, table.register("a.B", "run", "()V", 10, 0, "a.B.run() line 10"), "retransformed");
        assertEquals(3, table.count());
        AllocationSite site = table.site(first);
        assertEquals("a.B", site.className());
        assertEquals("run()V", site.method());
        assertEquals(10, site.line());
        assertEquals("a.B.run() line 10", site.javaName());
        assertEquals(SiteMode.POOLED, site.mode());
        assertNull(site.pin());
    }

    @Test
    void anIdTheTableDoesNotHoldIsTheUnattributedSite() {
        SiteTable table = new SiteTable();
        assertSame(table.site(SiteTable.UNATTRIBUTED), table.site(42));
        assertSame(table.site(SiteTable.UNATTRIBUTED), table.site(-1));
        assertFalse(table.decide(42, SiteMode.JDK, "no such site"));
        assertEquals(SiteMode.POOLED, table.site(SiteTable.UNATTRIBUTED).mode());
    }

    @Test
    void decisionsChangeTheModeAndAreHeardOnce() {
        SiteTable table = new SiteTable();
        List<String> heard = new ArrayList<>();
        table.decisions((site, before, reason) -> heard.add(site.id() + " " + before + "->" + site.mode() + " "
                + reason));
        int id = table.register("a.B", "run", "()V", 10, 0, "a.B.run() line 10");
        assertTrue(table.decide(id, SiteMode.JDK, "filled"));
        assertFalse(table.decide(id, SiteMode.JDK, "again"), "already there");
        assertTrue(table.decide(id, SiteMode.POOLED, "re-probe"));
        assertEquals(List.of(id + " POOLED->JDK filled", id + " JDK->POOLED re-probe"), heard);
    }

    @Test
    void pinnedSitesStartInTheirModeAndNoDecisionMovesThem() {
        SiteTable table = new SiteTable();
        List<String> heard = new ArrayList<>();
        table.decisions((site, before, reason) -> heard.add(site.javaName() + " " + site.mode() + " " + reason));
        table.pins((className, methodName, line) -> className.equals("a.B")
                ? (line == 10 ? SiteMode.JDK : SiteMode.POOLED) : null);
        int jdk = table.register("a.B", "run", "()V", 10, 0, "a.B.run() line 10");
        int pool = table.register("a.B", "run", "()V", 11, 1, "a.B.run() line 11");
        int free = table.register("a.C", "run", "()V", 12, 0, "a.C.run() line 12");
        assertEquals(SiteMode.JDK, table.site(jdk).mode());
        assertEquals(SiteMode.JDK, table.site(jdk).pin());
        assertEquals(SiteMode.POOLED, table.site(pool).pin());
        assertEquals(List.of("a.B.run() line 10 JDK pinned by option"), heard);
        assertFalse(table.decide(jdk, SiteMode.POOLED, "re-probe"));
        assertFalse(table.decide(pool, SiteMode.JDK, "filled"));
        assertTrue(table.decide(free, SiteMode.JDK, "filled"));
        assertEquals(SiteMode.JDK, table.site(jdk).mode());
        assertEquals(SiteMode.POOLED, table.site(pool).mode());
    }

    @Test
    void aThrowingListenerOrPinDoesNotStopTheTable() {
        SiteTable table = new SiteTable();
        table.decisions((site, before, reason) -> {
            throw new IllegalStateException("listener");
        });
        table.pins((className, methodName, line) -> {
            throw new IllegalStateException("pins");
        });
        int id = table.register("a.B", "run", "()V", 10, 0, "a.B.run() line 10");
        assertEquals(SiteMode.POOLED, table.site(id).mode(), "no pin");
        assertTrue(table.decide(id, SiteMode.JDK, "filled"));
        assertEquals(SiteMode.JDK, table.site(id).mode());
    }
}
