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
package io.pagepool.agent.runtime;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Debug mode of scoped release ({@code scopeCheck=on}): each scoped buffer is the memory of its
 * own shared {@link Arena}, closed when the buffer is released, so any access through the
 * buffer or a view of it after its release point throws {@link IllegalStateException}. Proves
 * the bytecode analysis on a real application at run time; slow (an arena close is a handshake
 * with every thread). Threading: any thread.
 */
final class ScopeCheck {
    private final Map<ByteBuffer, Arena> live = Collections.synchronizedMap(new IdentityHashMap<>());

    ByteBuffer allocate(int capacity) {
        Arena arena = Arena.ofShared();
        ByteBuffer buffer = arena.allocate(capacity, 8).asByteBuffer();
        live.put(buffer, arena);
        return buffer;
    }

    /** Closes the buffer's arena; false when it is not a live checked buffer. */
    boolean release(ByteBuffer buffer) {
        Arena arena = live.remove(buffer);
        if (arena == null) {
            return false;
        }
        arena.close();
        return true;
    }
}
