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
package example.attach;

import java.nio.ByteBuffer;

/** Per-packet allocations, one scoped site and one that escapes to a field. */
final class Allocates {
    static ByteBuffer last;

    private Allocates() {
    }

    static long checksum(int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        buffer.putInt(0, size);
        return buffer.getInt(0);
    }

    static void keep(int size) {
        last = ByteBuffer.allocateDirect(size);
    }
}
