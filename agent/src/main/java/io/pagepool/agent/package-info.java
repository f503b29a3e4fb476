/**
 * The java agent: {@link io.pagepool.agent.PagePoolAgent} holds the entry points
 * ({@code premain}, {@code agentmain}) and starts the parts. {@code options} parses the option
 * string; {@code rewrite} installs the bytecode rewriting of {@code ByteBuffer.allocateDirect} call
 * sites (with the scoped-release analysis of {@code scope}); {@code runtime} is what the rewritten
 * code calls ({@code BufferSwap}, the swap: serves those calls from the pool and takes the pages
 * back); {@code events} the agent's JFR events; {@code cli} the command line of the jar. The words:
 * a call site is <em>rewritten</em>, a buffer from the pool is <em>pooled</em>.
 */
package io.pagepool.agent;
