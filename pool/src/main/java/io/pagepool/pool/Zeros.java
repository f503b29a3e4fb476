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

/** A read-only source of zero bytes as large as a standalone pool's largest page, for zeroing on hand-out. */
final class Zeros {
    static final MemorySegment SEGMENT = MemorySegment.ofArray(new byte[PagePoolBuilder.MAX_PAGE_SIZE])
            .asReadOnly();

    private Zeros() {
    }

    /**
     * Zeroes {@code bytes} of {@code target} from {@code offset}: one copy up to the largest page,
     * a copy per 64 KiB beyond (a size class's page may be 1 MiB). No allocation.
     */
    static void clear(MemorySegment target, long offset, long bytes) {
        long chunk = SEGMENT.byteSize();
        if (bytes <= chunk) {
            MemorySegment.copy(SEGMENT, 0, target, offset, bytes);
            return;
        }
        for (long done = 0; done < bytes; done += chunk) {
            MemorySegment.copy(SEGMENT, 0, target, offset + done, Math.min(chunk, bytes - done));
        }
    }
}
