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
package example.packets;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/** Application code that never heard of pagepool: the in-process agent test rewrites it. */
public final class PacketCode {
    private PacketCode() {
    }

    public static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }

    public static ByteBuffer viaMethodReference(int capacity) {
        IntFunction<ByteBuffer> allocator = ByteBuffer::allocateDirect;
        return allocator.apply(capacity);
    }

    /** A constructor's call site is rewritten too. */
    public static final class Frame {
        public final ByteBuffer buffer;

        public Frame(int capacity) {
            buffer = ByteBuffer.allocateDirect(capacity);
        }
    }
}
