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

import net.bytebuddy.asm.Advice;

import java.nio.ByteBuffer;

/**
 * Inlined at the normal returns of a recipe's method: the buffer in the receiver's field named by
 * the recipe goes back to the pool. Not at an exceptional exit: a free that threw did not free.
 */
final class RecipeAdvice {
    private RecipeAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@RecipeBuffer ByteBuffer buffer) {
        RecipeRelease.release(buffer);
    }
}
