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

import java.io.Serial;

/**
 * Thrown by {@link PagePool#alloc()} when the memory budget is spent and no free page is left.
 * The pool never blocks and never asks for a GC: it fails fast. Callers that prefer a sentinel
 * use {@link PagePool#tryAlloc()}, which returns {@code null} instead.
 */
public final class PoolExhaustedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message) {
        super(message, null, false, false);
    }
}
