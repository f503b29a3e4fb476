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
 * What a pool's {@link SlabAllocator} asks before it maps a slab, beyond its own
 * {@code maxMemoryBytes}: the hook through which a {@link SizeClassPool} charges every class's
 * slabs to one budget. A standalone pool has {@link #NONE}.
 *
 * <p>Threading: {@link #tryCharge} and {@link #refund} are called under the asking pool's slab
 * lock and take no slab lock themselves; {@link #reclaim} is called with no lock held (it may take
 * other pools' slab locks), so slab locks are never nested.
 */
interface SlabBudget {
    /** No budget beyond the pool's own: every charge succeeds, nothing to reclaim. */
    SlabBudget NONE = new SlabBudget() {
        @Override
        public boolean tryCharge(long bytes) {
            return true;
        }

        @Override
        public void refund(long bytes) {
        }

        @Override
        public boolean reclaim() {
            return false;
        }
    };

    /** Charges a slab of {@code bytes} about to be mapped; false (nothing charged) when refused. */
    boolean tryCharge(long bytes);

    /** Gives back a slab of {@code bytes} that was unmapped (or whose mapping failed). */
    void refund(long bytes);

    /** After a refusal left a refill with no page: frees memory elsewhere; true when a retry may succeed. */
    boolean reclaim();
}
