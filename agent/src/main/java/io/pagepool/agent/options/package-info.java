/**
 * The agent's options: {@link io.pagepool.agent.options.Option} lists every key with its default
 * and range, {@link io.pagepool.agent.options.OptionParser} turns {@code k=v,k=v} into
 * {@link io.pagepool.agent.options.AgentOptions} or one line per problem, and
 * {@link io.pagepool.agent.options.AgentLog} prints at the level {@code log=} asks for.
 */
package io.pagepool.agent.options;
