/**
 * Scoped release (issue #7): proves by dataflow analysis of the bytecode that a buffer from a
 * {@code ByteBuffer.allocateDirect(int)} call site never leaves its method and is dead when the
 * site runs again, and rewrites the site so the page is released at once instead of after the
 * next GC.
 *
 * <p>{@link io.pagepool.agent.scope.ScopedRewriter} is the entry point: a plain ASM
 * {@code ClassVisitor}. Per method, {@code HeldInterpreter} runs a may-hold analysis (each stack
 * and local slot carries the set of sites whose buffers, or views of them, it may hold) and
 * records escapes; {@code Liveness} computes live locals; {@code MethodScoper} decides per site
 * and rewrites. Nothing here is shared between threads: one rewriter instance may be used by
 * many transforming threads because each class gets its own state.
 */
package io.pagepool.agent.scope;
