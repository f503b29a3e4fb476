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
package io.pagepool.agent.cleaner;

import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.ReleasePath;

import java.nio.ByteBuffer;

/**
 * What the methods of the release recipes and the {@code invokeCleaner} hook call. Public because
 * library classes in any package call it; not an application API. Only a live pooled lease is
 * released; anything else (a JDK buffer, a view, null, a released buffer) is left alone and not
 * counted, since the library frees those itself. Never throws. Threading: any thread.
 */
public final class RecipeRelease {
    private RecipeRelease() {
    }

    /** A recipe's method returned: releases {@code buffer} when it is a live pooled lease. */
    public static void release(ByteBuffer buffer) {
        releaseLease(buffer, ReleasePath.RECIPE);
    }

    /** {@code Unsafe.invokeCleaner(buffer)} was called: true when that released a live pooled lease. */
    static boolean cleaner(ByteBuffer buffer) {
        return releaseLease(buffer, ReleasePath.CLEANER);
    }

    private static boolean releaseLease(ByteBuffer buffer, ReleasePath path) {
        BufferSwap swap = DirectBuffers.swap();
        if (swap == null || buffer == null) {
            return false;
        }
        try {
            return swap.isPooled(buffer) && swap.release(buffer, path);
        } catch (RuntimeException e) { // never in the way of the library's own free
            return false;
        }
    }
}
