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
 * Receives the pool's rare events: slab mapping, waives, close progress. The recorder turns
 * them into JFR events; the default methods do nothing.
 *
 * <p>Threading: called on the thread that caused the event, never on the fast path, possibly
 * while the pool's slab lock is held; implementations must be quick, must not call back into the
 * pool and must not throw (a thrown exception is caught and reported as a warning line).
 */
public interface PoolListener {
    /** A slab was mapped: {@code durationNanos} covers the OS call and the mapping mode. */
    default void slabMapped(PagePool pool, long slabBytes, Mapping mapping, long durationNanos) {
    }

    /** A whole free slab was unmapped (given back to the OS). */
    default void slabUnmapped(PagePool pool, long slabBytes) {
    }

    /** A mapping mode could not be applied; {@code applied} is what the slab got instead. */
    default void mappingFallback(PagePool pool, Mapping requested, Mapping applied, String reason) {
    }

    /** An allocation was not served by the pool. Called on the slow path only. */
    default void waived(PagePool pool, WaiveReason reason, long requestedBytes) {
    }

    /** {@link PagePool#close()} finished: every slab has been returned. */
    default void closed(PagePool pool, long closeNanos) {
    }

    /** {@link PagePool#close()} is waiting for pages still held by the application. */
    default void closeStalled(PagePool pool, long inflightPages, long parkedPages, long stalledNanos) {
    }

    /** The listener that ignores everything. */
    PoolListener NONE = new PoolListener() {
    };
}
