package io.pagepool.agent;

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.options.OptionParser;
import io.pagepool.pool.PagePool;
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
        try (PagePool pool = PagePoolAgent.pool(o, new AgentLog(AgentOptions.LogLevel.QUIET, System.err))) {
            assertEquals(o.refillPages(), pool.refillBatch());
            assertEquals(o.ringPages(), pool.ringCapacity());
        }
    }
}
