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

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each {@code release=} entry found its method: a class that loads without the named
 * method is reported when it loads, a class excluded from rewriting at start, and a class that
 * never loaded at exit, one line each. (A {@code $} in a nested class's name is eaten by a shell
 * when the option is not quoted: {@code SimNic$TxRing#completed} becomes {@code SimNic#completed}.)
 * Threading: {@link #loaded} runs on class-loading threads; {@link #neverLoaded} on any.
 */
final class ReleaseTargets {
    private static final String NESTED_HINT = "nested classes are written Outer$Inner, and a shell needs the"
            + " option quoted: '-javaagent:pagepool-agent.jar=release=pkg.Outer$Inner#method'";

    private final List<AgentOptions.ReleaseMethod> entries;
    private final AgentLog log;
    private final Set<String> loadedClasses = ConcurrentHashMap.newKeySet();

    ReleaseTargets(List<AgentOptions.ReleaseMethod> entries, ClassFilter filter, AgentLog log) {
        this.entries = entries;
        this.log = log;
        for (AgentOptions.ReleaseMethod entry : entries) {
            if (!filter.accepts(entry.className())) {
                log.error("release=" + text(entry) + ": class " + entry.className() + " is never rewritten (the JDK,"
                        + " pagepool itself, or outside include=/inside exclude=); nothing is released there");
            }
        }
    }

    /**
     * The {@code release=} method names of {@code type}; each reported when the class has no
     * such method with a body.
     */
    List<String> loaded(TypeDescription type) {
        List<String> methods = new ArrayList<>();
        for (AgentOptions.ReleaseMethod entry : entries) {
            if (!entry.className().equals(type.getName())) {
                continue;
            }
            if (loadedClasses.add(text(entry)) && type.getDeclaredMethods().filter(ElementMatchers.named(
                    entry.methodName()).and(ElementMatchers.not(ElementMatchers.isAbstract()))).isEmpty()) {
                log.error("release=" + text(entry) + ": class " + type.getName() + " has no method '"
                        + entry.methodName() + "' with a body; nothing is released there (" + NESTED_HINT + ")");
            }
            methods.add(entry.methodName());
        }
        return methods;
    }

    /** One line per entry whose class never loaded (call at exit). */
    List<String> neverLoaded() {
        List<String> lines = new ArrayList<>();
        for (AgentOptions.ReleaseMethod entry : entries) {
            if (!loadedClasses.contains(text(entry))) {
                lines.add("release=" + text(entry) + ": class " + entry.className() + " was never loaded"
                        + " (rewritten); nothing was released there (" + NESTED_HINT + ")");
            }
        }
        return lines;
    }

    private static String text(AgentOptions.ReleaseMethod entry) {
        return entry.className() + "#" + entry.methodName();
    }
}
