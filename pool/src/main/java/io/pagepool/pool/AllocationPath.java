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
package io.pagepool.pool;

/** Which path served an allocation, as reported to an {@link AllocationSampler}. */
public enum AllocationPath {
    /** Popped from the thread's cache. */
    FAST,
    /** The cache was empty and refilled from the recycle ring. */
    REFILL,
    /** The cache and ring were empty: carved from slabs (maybe mapping one). */
    SLOW,
    /** Not served by the pool: budget spent, too large, or closed. */
    WAIVE
}
