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

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Makes {@code sun.misc.Unsafe.invokeCleaner(buffer)} release a live pooled lease, whoever calls
 * it (a direct call, reflection, a {@code MethodHandle}): the JDK method itself is retransformed,
 * not its call sites. {@code sun.misc.Unsafe} rather than its delegate
 * {@code jdk.internal.misc.Unsafe}: it is the one entry point libraries can reach (the internal
 * class is not exported), it is small, it applies the JDK's memory-access policy before it
 * delegates, and only it calls the delegate's {@code invokeCleaner}; the internal class is used
 * by every part of the JDK and carries its intrinsics.
 *
 * <p>The added call ({@link InvokeCleanerCall}) runs at the method's normal return, after the JDK's
 * own checks: a slice or duplicate still throws {@code IllegalArgumentException}, and the first
 * call still meets {@code --sun-misc-unsafe-memory-access} (a warning by default,
 * {@code UnsupportedOperationException} with {@code deny}). The agent never calls the method.
 *
 * <p>The JDK class, defined by the bootstrap loader in module {@code jdk.unsupported}, can only call
 * classes it sees: the bridge is a copy of {@link io.pagepool.agent.bridge.CleanerBridge} renamed
 * {@code sun.misc.PagePoolCleanerBridge} and defined in that package through a private lookup
 * (the module opens {@code sun.misc} to everyone). Not appended to the bootstrap search: HotSpot
 * then prints a warning and stops sharing (CDS) the application's classes. Every step may fail and
 * then leaves the JDK's method as it was, with the reason. Once per JVM; a later start (tests)
 * installs only the hook.
 */
final class InvokeCleanerHook {
    static final String UNSAFE = "sun.misc.Unsafe";
    static final String BRIDGE = "sun.misc.PagePoolCleanerBridge";
    private static final String TEMPLATE = "io/pagepool/agent/bridge/CleanerBridge";

    /** Whether sun.misc.Unsafe carries the call already (the transformer stays registered). */
    private static final AtomicBoolean TRANSFORMED = new AtomicBoolean();

    private InvokeCleanerHook() {
    }

    /** Installs the hook; null when it works, else why not (the JDK's method then runs unchanged). */
    static synchronized String install(Instrumentation inst) throws ReflectiveOperationException, IOException {
        Class<?> unsafe;
        try {
            unsafe = Class.forName(UNSAFE, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "no " + UNSAFE + " in this JVM (is module jdk.unsupported left out?)";
        }
        unsafe.getMethod("invokeCleaner", ByteBuffer.class); // NoSuchMethodException on a JDK without it
        if (!inst.isRetransformClassesSupported() || !inst.isModifiableClass(unsafe)) {
            return "this JVM cannot retransform " + UNSAFE;
        }
        Class<?> bridge = bridge(unsafe);
        Method install = bridge.getMethod("install", Predicate.class);
        install.invoke(null, (Predicate<ByteBuffer>) RecipeRelease::cleaner);
        if (!TRANSFORMED.get()) {
            String problem = retransform(inst, unsafe);
            if (problem != null) {
                install.invoke(null, (Object) null);
                return problem;
            }
            TRANSFORMED.set(true);
        }
        return null;
    }

    /** The bridge in package sun.misc, defined now unless an earlier start did. */
    private static Class<?> bridge(Class<?> unsafe) throws IOException, ReflectiveOperationException {
        try {
            return Class.forName(BRIDGE, false, unsafe.getClassLoader());
        } catch (ClassNotFoundException absent) {
            // define it below
        }
        byte[] template;
        try (InputStream in = InvokeCleanerHook.class.getClassLoader().getResourceAsStream(TEMPLATE + ".class")) {
            if (in == null) {
                throw new IOException("no class file " + TEMPLATE + " beside the agent");
            }
            template = in.readAllBytes();
        }
        ClassWriter renamed = new ClassWriter(0);
        new ClassReader(template).accept(new ClassRemapper(renamed,
                new SimpleRemapper(Opcodes.ASM9, TEMPLATE, BRIDGE.replace('.', '/'))), 0);
        return MethodHandles.privateLookupIn(unsafe, MethodHandles.lookup()).defineClass(renamed.toByteArray());
    }

    /** Retransforms sun.misc.Unsafe with the call; null on success, else what failed. */
    private static String retransform(Instrumentation inst, Class<?> unsafe) {
        Outcome outcome = new Outcome();
        AsmVisitorWrapper call = new AsmVisitorWrapper.ForDeclaredMethods().method(ElementMatchers
                .named("invokeCleaner").and(ElementMatchers.takesArguments(ByteBuffer.class))
                .and(ElementMatchers.returns(void.class)).and(ElementMatchers.not(ElementMatchers.isStatic())),
                (AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper) (type, method, next, context, pool,
                        writerFlags, readerFlags) ->
                        new InvokeCleanerCall(next, BRIDGE.replace('.', '/')));
        try {
            new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(unsafe))
                    .with(AgentBuilder.RedefinitionStrategy.Listener.ErrorEscalating.FAIL_FAST)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                    .with(outcome)
                    .with((AgentBuilder.TransformerDecorator) t -> new NamedClasses(t,
                            Set.of(UNSAFE.replace('.', '/'))))
                    .ignore(ElementMatchers.none())
                    .type(ElementMatchers.named(UNSAFE))
                    .transform((builder, type, loader, module, domain) -> builder.visit(call))
                    .installOn(inst);
        } catch (RuntimeException e) {
            return "retransforming " + UNSAFE + " failed: " + e;
        }
        return outcome.error != null ? "rewriting " + UNSAFE + " failed: " + outcome.error
                : outcome.transformed ? null : UNSAFE + " was not retransformed";
    }

    /** ByteBuddy's outcome for sun.misc.Unsafe. */
    private static final class Outcome extends AgentBuilder.Listener.Adapter {
        private volatile boolean transformed;
        private volatile Throwable error;

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformed |= type.getName().equals(UNSAFE);
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            error = throwable;
        }
    }
}
