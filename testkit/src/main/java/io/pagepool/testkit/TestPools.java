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
package io.pagepool.testkit;

import io.pagepool.pool.PagePool;
import io.pagepool.pool.PagePoolBuilder;
import java.util.concurrent.atomic.AtomicInteger;

/** Pool builders for tests: small, uniquely named, warnings dropped unless a sink is given. */
public final class TestPools {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private TestPools() {
    }

    /**
     * A small pool: 4 KiB pages, 256 KiB slabs, a 4 MiB budget, warnings dropped. Override what a
     * test needs on the returned builder.
     *
     * @param purpose names the pool (a unique number is appended)
     * @return a builder
     */
    public static PagePoolBuilder small(String purpose) {
        return PagePool.builder()
                .name(purpose + "-" + POOLS.incrementAndGet())
                .pageSize(4096)
                .slabBytes(256 << 10)
                .maxMemoryBytes(4 << 20)
                .warnings(line -> { });
    }
}
