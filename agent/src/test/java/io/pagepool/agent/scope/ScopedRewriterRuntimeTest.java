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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * Soundness at run time: the corpus, rewritten against {@link ScopeTestRuntime} (whose buffers die
 * with their lease), returns what the original returns, never touches a released buffer, and
 * releases every scoped buffer exactly once.
 */
class ScopedRewriterRuntimeTest {

    @AfterEach
    void reset() {
        ScopeTestRuntime.reset();
    }

    @Test
    void theRewrittenCorpusBehavesLikeTheOriginalAndReleasesEveryScopedBufferOnce() throws Exception {
        List<String> failures = new ArrayList<>();
        int[] totals = new int[2];
        for (Class<?> corpus : ScopedRewriterTest.CORPORA) {
            List<SiteVerdict> verdicts = new ArrayList<>();
            byte[] classFile = Rewriting.rewrite(Rewriting.bytesOf(corpus), verdicts);
            compare(corpus, Rewriting.load(corpus, classFile), verdicts, failures, totals);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(totals[0] >= 40, "corpus entry points run: " + totals[0]);
        assertTrue(totals[1] >= 600, "scoped allocations: " + totals[1]);
    }

    @Test
    void theSameHoldsWhenByteBuddyWritesTheClassThroughAnAsmVisitorWrapper() throws Exception {
        List<SiteVerdict> verdicts = new ArrayList<>();
        ScopedRewriter rewriter = new ScopedRewriter(ScopeTestRuntime.INTERNAL_NAME, verdicts::add);
        AsmVisitorWrapper wrapper = new AsmVisitorWrapper.AbstractBase() {
            @Override
            public int mergeWriter(int flags) {
                return flags | ClassWriter.COMPUTE_FRAMES;
            }

            @Override
            public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                                     Implementation.Context implementationContext, TypePool typePool,
                                     FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                                     int writerFlags, int readerFlags) {
                return rewriter.visitor(classVisitor);
            }
        };
        byte[] classFile = new ByteBuddy().redefine(ScopeCorpus.class).visit(wrapper).make().getBytes();
        assertTrue(verdicts.stream().filter(SiteVerdict::scoped).count() >= 30, verdicts.toString());
        List<String> failures = new ArrayList<>();
        compare(ScopeCorpus.class, Rewriting.load(ScopeCorpus.class, classFile), verdicts, failures, new int[2]);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Runs every entry point of {@code corpus} and of its rewritten copy; adds a line to
     * {@code failures} per difference or bad release count; adds runs and scoped allocations to
     * {@code totals[0]} and {@code totals[1]}.
     */
    private static void compare(Class<?> corpus, Class<?> rewritten, List<SiteVerdict> verdicts, List<String> failures,
                                int[] totals) throws Exception {
        Map<String, List<SiteVerdict>> byMethod = verdicts.stream()
                .collect(Collectors.groupingBy(SiteVerdict::methodName));
        for (Method original : entryPoints(corpus)) {
            String name = original.getName();
            String expected = outcome(original);
            ScopeTestRuntime.reset();
            String actual = outcome(rewritten.getMethod(name));
            totals[0]++;
            if (!expected.equals(actual)) {
                failures.add(name + ": original " + expected + ", rewritten " + actual);
            }
            if (actual.contains("IllegalStateException") && actual.contains("closed")) {
                failures.add(name + ": touched a released buffer: " + actual);
            }
            String counts = name + ": scoped " + ScopeTestRuntime.scopedAllocations + ", released "
                    + ScopeTestRuntime.releases + ", double " + ScopeTestRuntime.doubleReleases + ", unknown "
                    + ScopeTestRuntime.unknownReleases + ", tracked released " + ScopeTestRuntime.trackedReleases
                    + ", outstanding " + ScopeTestRuntime.outstanding();
            if (ScopeTestRuntime.releases != ScopeTestRuntime.scopedAllocations || ScopeTestRuntime.doubleReleases != 0
                    || ScopeTestRuntime.unknownReleases != 0 || ScopeTestRuntime.trackedReleases != 0
                    || ScopeTestRuntime.outstanding() != 0) {
                failures.add(counts);
            }
            List<SiteVerdict> sites = byMethod.getOrDefault(name, List.of());
            boolean allScoped = !sites.isEmpty() && sites.stream().allMatch(SiteVerdict::scoped);
            if (allScoped && (ScopeTestRuntime.trackedAllocations != 0 || ScopeTestRuntime.scopedAllocations == 0)) {
                failures.add(name + ": all sites scoped, yet " + counts + ", tracked "
                        + ScopeTestRuntime.trackedAllocations);
            }
            totals[1] += ScopeTestRuntime.scopedAllocations;
        }
    }

    @Test
    void threadsRunningTheSameRewrittenMethodsReleaseOnlyTheirOwnBuffers() throws Exception {
        Class<?> rewritten = Rewriting.load(ScopeCorpus.class,
                Rewriting.rewrite(Rewriting.bytesOf(ScopeCorpus.class), new ArrayList<>()));
        List<Method> methods = new ArrayList<>();
        for (String name : List.of("manyPackets", "nestedLoops", "tryCatchFinally", "exceptionMidLoop",
                "switchSites")) {
            methods.add(rewritten.getMethod(name));
        }
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 10; round++) {
                    for (Method method : methods) {
                        String outcome = outcome(method);
                        if (!outcome.startsWith("returned")) {
                            failures.add(method.getName() + " " + outcome);
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(ScopeTestRuntime.scopedAllocations > 1000, "scoped: " + ScopeTestRuntime.scopedAllocations);
        assertEquals(ScopeTestRuntime.scopedAllocations, ScopeTestRuntime.releases);
        assertEquals(0, ScopeTestRuntime.doubleReleases + ScopeTestRuntime.unknownReleases
                + ScopeTestRuntime.trackedReleases + ScopeTestRuntime.outstanding());
    }

    @Test
    void aBufferTouchedAfterItsReleaseFailsLoudlySoTheCheckAboveHasTeeth() {
        java.nio.ByteBuffer buffer = ScopeTestRuntime.allocateScoped(8);
        java.nio.ByteBuffer view = buffer.slice(0, 4);
        ScopeTestRuntime.releaseScoped(buffer);
        ScopeTestRuntime.releaseScoped(buffer);
        ScopeTestRuntime.releaseScoped(null);
        assertEquals(1, ScopeTestRuntime.doubleReleases);
        assertEquals(1, ScopeTestRuntime.releases);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> view.getInt(0));
    }

    @Test
    void theJvmVerifierAcceptsEveryRewrittenClass() throws Exception {
        for (Class<?> type : List.of(ScopeCorpus.class, KeptCorpus.class, ScopeTestRuntime.class, Rewriting.class)) {
            byte[] rewritten = Rewriting.rewrite(Rewriting.bytesOf(type), new ArrayList<>());
            Class<?> loaded = Rewriting.load(type, rewritten); // initialized: linked and verified
            assertEquals(type.getName(), loaded.getName());
            assertTrue(loaded.getClassLoader() instanceof Rewriting.Loader);
            for (Method method : loaded.getDeclaredMethods()) {
                method.getParameterCount(); // reflection data resolves every signature
            }
        }
    }

    private static List<Method> entryPoints(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0 && method.getReturnType() == long.class) {
                methods.add(method);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    private static String outcome(Method method) {
        try {
            return "returned " + method.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return "threw " + cause.getClass().getName() + ": " + cause.getMessage();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

}
