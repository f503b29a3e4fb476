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
package io.pagepool.realworld;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the agent's exit summary and error lines from a server's stderr. */
class AgentSummaryTest {
    private static final String SUMMARY = "pagepool: rewrote 1 allocateDirect site(s) in 1 class(es), 0 scoped (213"
            + " classes checked in 708 ms); served 900 buffers from the pool, 3483 from the JDK (too large, budget or"
            + " closed); pages returned: scoped 100, release= methods 20, PagePools.release 5, unreachable 700;"
            + " ignored releases 0; fast-path ratio 99.0%, memory mapped 12 MiB";

    @Test
    void readsServedWaivedPathsAndMemory() {
        AgentSummary s = AgentSummary.parse("pagepool: agent on in 12 ms: pageSize=4096\n" + SUMMARY + "\n");
        assertTrue(s.present());
        assertEquals(900, s.served());
        assertEquals(3483, s.waived());
        assertEquals(Map.of("scoped", 100L, "release= methods", 20L, "PagePools.release", 5L, "unreachable", 700L),
                s.returned());
        assertEquals(100, s.scoped());
        assertEquals(700, s.unreachable());
        assertEquals(25, s.explicit());
        assertEquals(12, s.mappedMiB());
        assertEquals(List.of(), s.errors());
    }

    @Test
    void aNewReleasePathCountsAsExplicit() {
        AgentSummary s = AgentSummary.parse(SUMMARY.replace("unreachable 700;", "invokeCleaner 30, unreachable 700;"));
        assertEquals(55, s.explicit());
    }

    @Test
    void errorLinesAndAMissingSummary() {
        AgentSummary s = AgentSummary.parse("pagepool: the agent could not start: boom\n"
                + "pagepool: the application runs without the agent\nplain application line with error\n");
        assertFalse(s.present());
        assertEquals(List.of("pagepool: the agent could not start: boom",
                "pagepool: the application runs without the agent"), s.errors());
    }
}
