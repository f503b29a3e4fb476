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
package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.options.OptionParser;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every value the option table ({@code options}) lists builds the agent's pool: the listed range is the real one. */
class AgentPoolTest {
    @ParameterizedTest
    @ValueSource(strings = {"refill=5000", "refill=65536", "refill=65536,cache=1", "cache=65536,refill=1",
            "ring=1", "ring=1048576", "pageSize=1024,maxMemory=64k", "pageSize=65536,maxMemory=64k",
            "pageSize=65536,cache=65536,refill=65536,ring=1048576,maxMemory=1024g"})
    void theOptionTablesBoundsBuild(String options) {
        AgentOptions o = OptionParser.parse(options);
        try (SizeClassPool group = PagePoolAgent.pool(o, new AgentLog(AgentOptions.LogLevel.QUIET, System.err))) {
            for (PagePool pool : group.classes()) { // every class up to 64 KiB takes the options as given
                assertEquals(o.cachePages(), pool.newCacheCapacity());
                assertEquals(o.refillPages(), pool.refillBatch());
                assertEquals(o.ringPages(), pool.ringCapacity());
            }
        }
    }
}
