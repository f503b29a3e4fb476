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
package io.pagepool.agent.scope;

import org.objectweb.asm.tree.analysis.Value;

/**
 * The abstract value of one stack or local slot: its size in slots and the set of sites (bit i =
 * site i of the method) whose buffers, or views of them, it may hold.
 */
record Held(int size, long sites) implements Value {

    static final Held EMPTY1 = new Held(1, 0L);
    static final Held EMPTY2 = new Held(2, 0L);

    static Held of(int size) {
        return size == 2 ? EMPTY2 : EMPTY1;
    }

    static Held site(int index) {
        return new Held(1, 1L << index);
    }

    boolean tracked() {
        return sites != 0L;
    }

    Held union(Held other) {
        long merged = sites | other.sites;
        int mergedSize = Math.min(size, other.size);
        if (merged == sites && mergedSize == size) {
            return this;
        }
        return new Held(mergedSize, merged);
    }

    @Override
    public int getSize() {
        return size;
    }
}
