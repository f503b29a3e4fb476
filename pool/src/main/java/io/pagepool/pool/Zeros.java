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

import java.lang.foreign.MemorySegment;

/** A read-only source of zero bytes as large as the largest page, for zeroing on hand-out. */
final class Zeros {
    static final MemorySegment SEGMENT = MemorySegment.ofArray(new byte[PagePoolBuilder.MAX_PAGE_SIZE])
            .asReadOnly();

    private Zeros() {
    }
}
