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
 * The class rewriting, installed with ByteBuddy by {@link io.pagepool.agent.rewrite.Rewriter}:
 * {@code ClassFilter} and a constant-pool check choose the classes, {@code ScopedSites} runs the
 * scoped-release analysis, {@code AllocationSiteRewrite} points the remaining
 * {@code ByteBuffer.allocateDirect} call sites and method references at the runtime, and
 * {@code ReleaseAdvice} returns the buffer arguments of {@code release=} methods.
 */
package io.pagepool.agent.rewrite;
