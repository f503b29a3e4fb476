/**
 * The harness of the realworld suite: the targets ({@link io.pagepool.realworld.Target}), a forked
 * server JVM without or with the agent ({@link io.pagepool.realworld.ServerProcess}), the load
 * generator that checks every echo ({@link io.pagepool.realworld.EchoLoad}), the agent's exit
 * summary ({@link io.pagepool.realworld.AgentSummary}) and {@code ./pagepool bench realworld}
 * ({@link io.pagepool.realworld.RealworldBench}).
 */
package io.pagepool.realworld;
