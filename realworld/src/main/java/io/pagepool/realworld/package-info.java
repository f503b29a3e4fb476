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
 * The harness of the realworld suite: the targets ({@link io.pagepool.realworld.Target}), a forked
 * server JVM without or with the agent ({@link io.pagepool.realworld.ServerProcess}), the load
 * generator that checks every echo ({@link io.pagepool.realworld.EchoLoad}), the agent's exit
 * summary ({@link io.pagepool.realworld.AgentSummary}) and {@code ./pagepool bench realworld}
 * ({@link io.pagepool.realworld.RealworldBench}).
 */
package io.pagepool.realworld;
