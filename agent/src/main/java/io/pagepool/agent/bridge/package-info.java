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
 * {@code CleanerBridge}, the template of the class the instrumented
 * {@code sun.misc.Unsafe.invokeCleaner} calls (the agent defines a renamed copy in package
 * {@code sun.misc}). Kept alone in its package: it may refer to nothing of the agent, only to
 * {@code java.base}.
 */
package io.pagepool.agent.bridge;
