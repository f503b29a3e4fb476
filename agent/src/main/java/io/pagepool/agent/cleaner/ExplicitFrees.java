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

import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;

import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Honours the application's and its libraries' own frees of pooled buffers: the
 * {@code Unsafe.invokeCleaner} hook ({@code cleaner=on}) and the built-in release recipes
 * ({@code recipes=}). Never takes the application down: a part that cannot be installed says so in
 * one line at start and the agent runs on without it.
 */
public final class ExplicitFrees {
    private ExplicitFrees() {
    }

    /**
     * Installs the parts the options ask for.
     *
     * @param attached the agent was attached to a running JVM: recipe classes already loaded are retransformed
     * @return what is installed, for the start line: {@code invokeCleaner, recipes netty-unpooled}, or "none"
     */
    public static String install(AgentOptions options, Instrumentation inst, AgentLog log, boolean attached) {
        StringBuilder installed = new StringBuilder();
        if (options.cleaner()) {
            String problem;
            try {
                problem = InvokeCleanerHook.install(inst);
            } catch (Exception | LinkageError e) {
                problem = e.toString();
            }
            if (problem == null) {
                installed.append("invokeCleaner");
            } else {
                log.error("cleaner=on: Unsafe.invokeCleaner does not release pooled buffers in this JVM (" + problem
                        + "); their pages return when unreachable. The agent runs on.");
            }
        }
        List<Recipe> recipes = options.recipes();
        if (!recipes.isEmpty()) {
            try {
                new RecipeRewriter(recipes, log).install(inst, attached);
                installed.append(installed.isEmpty() ? "" : ", ").append("recipes ")
                        .append(String.join(";", recipes.stream().map(Recipe::key).toList()));
            } catch (RuntimeException | LinkageError e) {
                log.error("recipes=" + String.join(";", recipes.stream().map(Recipe::key).toList())
                        + " could not be installed (" + e + "); the agent runs on without them");
            }
        }
        return installed.isEmpty() ? "none" : installed.toString();
    }
}
