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

import java.lang.reflect.Method;

/**
 * The pools the jcstress tests take their pages from: one per forked test JVM (jcstress runs each
 * test class in its own JVMs), with room for every state of a batch to hold a page at once.
 */
final class StressPools {
    /** 4 KiB pages, 1 MiB slabs, up to 128 MiB mapped (32,768 pages), mapped on demand. */
    static final PagePool SHARED = builder("jcstress").build();
    /** Like {@link #SHARED}, in strict mode; null while {@code PagePoolBuilder.strict} does not exist. */
    static final PagePool STRICT = strictOrNull();

    private StressPools() {
    }

    private static PagePoolBuilder builder(String name) {
        return PagePool.builder().name(name).pageSize(4096).slabBytes(1 << 20).maxMemoryBytes(128L << 20)
                .warnings(line -> { });
    }

    private static PagePool strictOrNull() {
        try {
            Method strict = PagePoolBuilder.class.getMethod("strict", boolean.class);
            return ((PagePoolBuilder) strict.invoke(builder("jcstress-strict"), true)).build();
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
