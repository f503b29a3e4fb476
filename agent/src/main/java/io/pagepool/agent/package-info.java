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
 * The java agent: {@link io.pagepool.agent.PagePoolAgent} holds the entry points
 * ({@code premain}, {@code agentmain}) and starts the parts. {@code options} parses the option
 * string; {@code rewrite} installs the bytecode rewriting of {@code ByteBuffer.allocateDirect} call
 * sites (with the scoped-release analysis of {@code scope}); {@code runtime} is what the rewritten
 * code calls ({@code BufferSwap}, the swap: serves those calls from the pool and takes the pages
 * back); {@code events} the agent's JFR events; {@code cli} the command line of the jar. The words:
 * a call site is <em>rewritten</em>, a buffer from the pool is <em>pooled</em>.
 */
package io.pagepool.agent;
