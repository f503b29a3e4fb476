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
 * Helpers the modules' tests share, so that each exists once: small pools for tests
 * ({@link io.pagepool.testkit.TestPools}), forked JVMs and the JDK's tools with their output
 * captured to files ({@link io.pagepool.testkit.Processes}), and a thread-safe log of lines
 * ({@link io.pagepool.testkit.LineLog}). Modules depend on it with {@code <scope>test</scope>}.
 */
package io.pagepool.testkit;
