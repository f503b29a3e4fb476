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

/** Spells small ids as decimal digits, in order, so that a jcstress outcome shows a sequence. */
final class Digits {
    private Digits() {
    }

    /** {@code ids[0..n)} as digits ({1, 2} gives 12); an id outside 0..9 gives -1. */
    static int of(int[] ids, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] > 9) {
                return -1;
            }
            out = out * 10 + ids[i];
        }
        return out;
    }
}
