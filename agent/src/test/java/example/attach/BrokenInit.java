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

/** Its static initialiser throws: once loaded, the class stays in the error state. */
final class BrokenInit {
    static final ByteBuffer PROBE = probe();

    private BrokenInit() {
    }

    private static ByteBuffer probe() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        if (buffer.capacity() > 0) {
            throw new IllegalStateException("optional native probe not available");
        }
        return buffer;
    }

    static int touch() {
        return PROBE.capacity();
    }
}
