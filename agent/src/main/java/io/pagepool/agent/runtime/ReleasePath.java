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
package io.pagepool.agent.runtime;

/** How a pooled buffer's page came back to the pool (or why a release was ignored). */
public enum ReleasePath {
    /** Released where the bytecode analysis proved the buffer dead (scoped release). */
    SCOPED,
    /** Returned by a method named in {@code release=}. */
    METHOD,
    /** Returned through {@code io.pagepool.PagePools.release(ByteBuffer)}. */
    API,
    /** Freed by {@code sun.misc.Unsafe.invokeCleaner(buffer)}, whoever called it ({@code cleaner=on}). */
    CLEANER,
    /** Freed by a library's own free method, named by a built-in release recipe ({@code recipes=}). */
    RECIPE,
    /** The buffer and every view of it became unreachable. */
    REACHABILITY,
    /** Ignored: not a pooled buffer (a JDK buffer, a heap buffer, another pool's memory). */
    IGNORED_FOREIGN,
    /** Ignored: a pooled page whose buffer was already released, or a view derived from it. */
    IGNORED_STALE
}
