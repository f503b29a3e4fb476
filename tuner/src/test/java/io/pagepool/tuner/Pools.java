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
package io.pagepool.tuner;

import io.pagepool.pool.PagePoolBuilder;
import io.pagepool.testkit.LineLog;
import io.pagepool.testkit.TestPools;

/** Pools and options for tuner tests: small slabs under a roomy budget, quick periods. */
final class Pools {
    private Pools() {
    }

    /** 4 KiB pages in 64 KiB slabs, up to 64 MiB: many slabs for the tuner to reserve and unmap. */
    static PagePoolBuilder small() {
        return TestPools.small("tuner-test").slabBytes(64 << 10).maxMemoryBytes(64L << 20);
    }

    /** Quiet after 2 steps, idle after 4: tests need few steps. */
    static TunerOptions quick(LineLog log) {
        return TunerOptions.builder().debugLog(log::add).quietSteps(2).idleSteps(4).build();
    }
}
