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
package io.pagepool.benchmarks;

/**
 * Puts a benchmark into the state of a long-running application before it is measured: what
 * the setup allocated (the pool's thread caches and ring, the baselines' stacks, Netty's arenas
 * and thread caches) is promoted to the old generation. That is where a service's allocator
 * state lives after its first minutes, and where G1's post-write barrier costs most: a
 * reference stored into an old object from another region runs up to a StoreLoad fence. A
 * benchmark that allocates nothing per op would otherwise measure everything in eden.
 */
final class SteadyState {
    private SteadyState() {
    }

    /** Runs two full collections; call it at the end of a trial's setup, on the benchmark thread. */
    static void promoteToOldGeneration() {
        System.gc();
        System.gc();
    }
}
