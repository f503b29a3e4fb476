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

/**
 * Receives a sample of allocations: every {@code interval}-th fast-path allocation of each
 * cache, and every allocation served by a slower path. The recorder turns samples into
 * throttled {@code io.pagepool.AllocationSample} JFR events whose stack trace shows where the
 * application allocates.
 *
 * <p>Threading: called on the allocating thread, right after the page is handed out (the
 * {@code page} is null for a waive, and for a page split into fragments, which is no caller's
 * lease). Must be quick, must not call back into the pool's allocation methods, and must not
 * throw (a thrown exception is caught and reported once).
 */
@FunctionalInterface
public interface AllocationSampler {
    /**
     * One sampled allocation.
     *
     * @param pool the pool that served (or waived) it
     * @param path the path that served it
     * @param page the page handed out; null for a waive or a page split into fragments
     * @param requestedBytes the bytes the caller asked for
     */
    void sampled(PagePool pool, AllocationPath path, Page page, long requestedBytes);
}
