/**
 * The class rewriting, installed with ByteBuddy by {@link io.pagepool.agent.rewrite.Rewriter}:
 * {@code ClassFilter} and a constant-pool check choose the classes, {@code ScopedSites} runs the
 * scoped-release analysis, {@code AllocationSiteRewrite} points the remaining
 * {@code ByteBuffer.allocateDirect} call sites and method references at the runtime, and
 * {@code ReleaseAdvice} returns the buffer arguments of {@code release=} methods.
 */
package io.pagepool.agent.rewrite;
