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
 * and rewrites; {@code Callees} summarises the class's own static/private/final methods so a
 * buffer handed to a helper that only reads it stays scoped. Nothing here is shared between
 * threads: one rewriter instance may be used by many transforming threads because each class
 * gets its own state.
 *
 * <p>Runtime contract (what {@code runtimeOwner} must provide): {@code allocateScoped(int)}
 * returns a fresh, zeroed buffer object (identity matters) with position 0, limit = capacity =
 * the request, big-endian, like {@code allocateDirect}; {@code releaseScoped(ByteBuffer)} accepts
 * null and buffers it did not hand out (a waived JDK buffer) as no-ops, and is called at most once
 * per buffer of {@code allocateScoped}, on the allocating thread; {@code allocateDirect(int)} is the
 * reachability-tracked path.
 *
 * <p>Trusted beyond the analysis: the {@code java.nio} channel classes in {@code JdkCalls}
 * (static receiver type {@code DatagramChannel}, {@code SocketChannel}, {@code FileChannel},
 * {@code Pipe.SinkChannel}/{@code SourceChannel}) are assumed to be the JDK's own implementations;
 * an application subclass of one of them that keeps the buffer after {@code write} returns would
 * be released under.
 */
package io.pagepool.agent.scope;
