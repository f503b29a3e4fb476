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
package io.pagepool.agent.rewrite;

import java.util.List;

/**
 * Which classes the agent may rewrite, by name: never the JDK, pagepool itself or its relocated
 * libraries; then {@code include} (empty: everything) minus {@code exclude}. Works on binary
 * names ({@code a.b.C}); {@link #acceptsInternal} takes the JVM's {@code a/b/C}.
 */
final class ClassFilter {
    /** Never rewritten: the JDK, pagepool's own code and the libraries it shades. */
    static final List<String> BUILT_IN_EXCLUDES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "io.pagepool.agent.", "io.pagepool.pool.", "io.pagepool.recorder.", "io.pagepool.tuner.",
            "io.pagepool.report.", "io.pagepool.shaded.", "io.pagepool.PagePools", "net.bytebuddy.",
            "org.objectweb.asm.", "picocli.");

    private final List<String> include;
    private final List<String> exclude;

    ClassFilter(List<String> include, List<String> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    boolean accepts(String binaryName) {
        if (binaryName == null || startsWithAny(binaryName, BUILT_IN_EXCLUDES) || startsWithAny(binaryName, exclude)) {
            return false;
        }
        return include.isEmpty() || startsWithAny(binaryName, include);
    }

    boolean acceptsInternal(String internalName) {
        return internalName != null && accepts(internalName.replace('/', '.'));
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
