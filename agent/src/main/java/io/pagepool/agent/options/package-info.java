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
 * The agent's options: {@link io.pagepool.agent.options.Option} lists every key with its default
 * and range, {@link io.pagepool.agent.options.OptionParser} turns {@code k=v,k=v} into
 * {@link io.pagepool.agent.options.AgentOptions} or one line per problem, and
 * {@link io.pagepool.agent.options.AgentLog} prints at the level {@code log=} asks for.
 */
package io.pagepool.agent.options;
