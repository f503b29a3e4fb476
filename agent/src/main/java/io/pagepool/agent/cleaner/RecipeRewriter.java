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
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Installs the release recipes: each recipe's class gets {@link RecipeAdvice} on its method, bound
 * to its buffer field. A class whose shape differs from the recipe's (another version of the
 * library) is left alone with one line; so is a class whose loader cannot see the agent. Classes
 * already loaded at attach are retransformed. Threading: the transformer runs on class-loading
 * threads; the log is thread-safe.
 */
final class RecipeRewriter {
    private final Map<String, Recipe> byClass;
    private final AgentLog log;

    RecipeRewriter(List<Recipe> recipes, AgentLog log) {
        this.byClass = recipes.stream().collect(Collectors.toUnmodifiableMap(Recipe::className, Function.identity()));
        this.log = log;
    }

    /** Installs the transformer; with {@code attached}, also retransforms the recipe classes already loaded. */
    void install(Instrumentation inst, boolean attached) {
        AgentBuilder agent = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE);
        if (attached) {
            agent = agent.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        agent.with(new Failures())
                .with((AgentBuilder.TransformerDecorator) t -> new NamedClasses(t, byClass.keySet().stream()
                        .map(name -> name.replace('.', '/')).collect(Collectors.toSet())))
                .assureReadEdgeTo(inst, RecipeRelease.class)
                .ignore(ElementMatchers.none())
                .type(type -> byClass.containsKey(type.getName()))
                .transform((builder, type, loader, module, domain) -> transform(builder, type, loader))
                .installOn(inst);
    }

    private DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader) {
        Recipe recipe = byClass.get(type.getName());
        FieldList<FieldDescription.InDefinedShape> field = type.getDeclaredFields().filter(ElementMatchers
                .<FieldDescription.InDefinedShape>named(recipe.fieldName())
                .and(ElementMatchers.fieldType(ByteBuffer.class)).and(ElementMatchers.not(ElementMatchers.isStatic())));
        ElementMatcher.Junction<MethodDescription> method = ElementMatchers.named(recipe.methodName())
                .and(ElementMatchers.takesNoArguments()).and(ElementMatchers.not(ElementMatchers.isStatic()))
                .and(ElementMatchers.not(ElementMatchers.isAbstract()));
        if (field.size() != 1 || type.getDeclaredMethods().filter(method).isEmpty()) {
            log.error("recipe " + recipe.key() + ": " + type.getName() + " has no " + recipe.methodName()
                    + "() with a ByteBuffer field '" + recipe.fieldName() + "' (another version than "
                    + recipe.library() + "?); nothing is released there");
            return builder;
        }
        if (!loaderSeesAgent(loader)) {
            log.info("recipe " + recipe.key() + ": not applied to " + type.getName() + ": its class loader cannot"
                    + " see the agent");
            return builder;
        }
        log.debug("recipe " + recipe.key() + ": " + type.getName() + "." + recipe.methodName() + "() releases its '"
                + recipe.fieldName() + "' buffer");
        return builder.visit(Advice.withCustomMapping().bind(RecipeBuffer.class, field.getOnly())
                .to(RecipeAdvice.class).on(method));
    }

    private static boolean loaderSeesAgent(ClassLoader loader) {
        try {
            return Class.forName(RecipeRelease.class.getName(), false, loader) == RecipeRelease.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** ByteBuddy is silent about failures otherwise. */
    private final class Failures extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            log.error("recipe for " + typeName + " could not be applied (it runs unchanged): " + throwable);
        }
    }
}
