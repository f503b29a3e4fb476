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
 * Explicit frees honoured: {@code sun.misc.Unsafe.invokeCleaner} on a pooled lease releases it
 * ({@code InvokeCleanerHook}: a call added to the JDK method, through a copy of
 * {@code io.pagepool.agent.bridge.CleanerBridge} defined in package {@code sun.misc}), and the
 * built-in release recipes ({@link io.pagepool.agent.cleaner.Recipe}) release a library's buffer
 * where the library frees it without reaching {@code invokeCleaner}. Both release through
 * {@link io.pagepool.agent.cleaner.RecipeRelease}, only a live pooled lease, exactly once (the
 * lease's compare-and-set). {@link io.pagepool.agent.cleaner.ExplicitFrees} installs them.
 */
package io.pagepool.agent.cleaner;
