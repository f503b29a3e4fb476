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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class ScopedRewriterTest {

    private static final String RUNTIME = ScopeTestRuntime.INTERNAL_NAME;

    /** The corpus classes: methods annotated with their expected verdicts. */
    static final List<Class<?>> CORPORA = List.of(ScopeCorpus.class, KeptCorpus.class);

    @Test
    void everyCorpusSiteGetsTheExpectedVerdict() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Class<?> corpus : CORPORA) {
            checked += compare(corpus, mismatches);
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertTrue(checked >= 45, "sites checked: " + checked);
    }

    /** Adds a line per site whose verdict differs from its {@link Expect}; returns the number of sites checked. */
    private static int compare(Class<?> corpus, List<String> mismatches) {
        Map<String, List<SiteVerdict>> byMethod = new LinkedHashMap<>();
        for (SiteVerdict verdict : Rewriting.verdicts(corpus)) {
            byMethod.computeIfAbsent(verdict.methodName(), m -> new ArrayList<>()).add(verdict);
        }
        int checked = 0;
        for (Method method : corpus.getDeclaredMethods()) {
            Expect expect = method.getAnnotation(Expect.class);
            if (expect == null) {
                continue;
            }
            String where = corpus.getSimpleName() + "." + method.getName();
            List<SiteVerdict> actual = byMethod.getOrDefault(method.getName(), List.of());
            String[] expected = expect.value().isBlank() ? new String[0]
                    : expect.value().split(",\\s*(?=scoped|kept:)");
            if (expected.length != actual.size()) {
                mismatches.add(where + ": expected " + expected.length + " sites, found " + actual);
                continue;
            }
            for (int i = 0; i < expected.length; i++) {
                SiteVerdict verdict = actual.get(i);
                assertEquals(i, verdict.siteIndex());
                boolean scoped = expected[i].equals("scoped");
                String text = scoped ? "" : expected[i].substring("kept:".length());
                if (verdict.scoped() != scoped || !verdict.reason().contains(text)) {
                    mismatches.add(where + " site " + i + ": expected " + expected[i] + ", was "
                            + (verdict.scoped() ? "scoped" : "kept") + " (" + verdict.reason() + ")");
                }
                checked++;
            }
        }
        for (String name : byMethod.keySet()) {
            if (!hasExpectation(corpus, name) && !name.startsWith("lambda$")) {
                mismatches.add(corpus.getSimpleName() + "." + name + ": has sites but no @Expect");
            }
        }
        return checked;
    }

    @Test
    void verdictsNameTheClassMethodAndLineAndSayWhy() {
        List<SiteVerdict> verdicts = Rewriting.verdicts(KeptCorpus.class);
        for (SiteVerdict verdict : verdicts) {
            assertEquals("io/pagepool/agent/scope/KeptCorpus", verdict.className());
            assertTrue(verdict.line() > 0, verdict.toString());
            assertNotNull(verdict.reason());
            assertTrue(verdict.methodDescriptor().startsWith("("), verdict.toString());
        }
        SiteVerdict field = verdicts.stream().filter(v -> v.methodName().equals("conditionalStaticStore")).findFirst()
                .orElseThrow();
        assertTrue(field.reason().matches("stored to static io/pagepool/agent/scope/KeptCorpus.kept at line \\d+"),
                field.reason());
    }

    @Test
    void scopedSitesCallAllocateScopedAndAllOthersTheTrackedAllocateDirect() {
        for (Class<?> corpus : CORPORA) {
            checkCalls(corpus);
        }
    }

    private static void checkCalls(Class<?> corpus) {
        List<SiteVerdict> verdicts = new ArrayList<>();
        ClassNode rewritten = new ClassNode();
        new ClassReader(Rewriting.rewrite(Rewriting.bytesOf(corpus), verdicts)).accept(rewritten, 0);
        int scoped = 0;
        int tracked = 0;
        int releases = 0;
        for (MethodNode method : rewritten.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call) {
                    assertFalse(MethodScoper.isSite(call), method.name + " still calls ByteBuffer.allocateDirect");
                    if (call.owner.equals(RUNTIME)) {
                        switch (call.name) {
                            case "allocateScoped" -> scoped++;
                            case "allocateDirect" -> tracked++;
                            case "releaseScoped" -> releases++;
                            default -> throw new AssertionError(call.name);
                        }
                    }
                }
            }
        }
        assertEquals(verdicts.stream().filter(SiteVerdict::scoped).count(), scoped);
        assertEquals(verdicts.stream().filter(v -> !v.scoped()).count(), tracked);
        assertTrue(releases > scoped, "releases before sites, at returns and in handlers: " + releases);
    }

    @Test
    void aClassWithoutSitesPassesThroughUnchanged() {
        byte[] original = Rewriting.bytesOf(Rewriting.class);
        List<SiteVerdict> verdicts = new ArrayList<>();
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(original).accept(new ScopedRewriter(RUNTIME, verdicts::add).visitor(writer), 0);
        assertTrue(verdicts.isEmpty());
        ClassWriter plain = new ClassWriter(0);
        new ClassReader(original).accept(plain, 0);
        assertTrue(java.util.Arrays.equals(plain.toByteArray(), writer.toByteArray()));
    }

    @Test
    void theClassFileScanFindsAllocateDirectOnlyWhereItIsReferenced() {
        assertTrue(ClassFileScan.referencesAllocateDirect(Rewriting.bytesOf(ScopeCorpus.class)));
        assertFalse(ClassFileScan.referencesAllocateDirect(Rewriting.bytesOf(Expect.class)));
        assertFalse(ClassFileScan.referencesAllocateDirect(new byte[0]));
        assertTrue(ClassFileScan.referencesAllocateDirect(
                "allocateDirect".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(ClassFileScan.referencesAllocateDirect(
                "allocateDirec".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void methodsThatCannotBeAnalysedKeepTrackedSitesAndSayWhy() {
        ClassWriter generator = new ClassWriter(0);
        generator.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Odd", null, "java/lang/Object",
                null);
        // a subroutine (jsr/ret): not analysed
        MethodVisitor jsr = generator.visitMethod(Opcodes.ACC_STATIC, "withSubroutine", "()V", null, null);
        jsr.visitCode();
        Label subroutine = new Label();
        jsr.visitIntInsn(Opcodes.BIPUSH, 8);
        jsr.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect", "(I)Ljava/nio/ByteBuffer;",
                false);
        jsr.visitInsn(Opcodes.POP);
        jsr.visitJumpInsn(Opcodes.JSR, subroutine);
        jsr.visitInsn(Opcodes.RETURN);
        jsr.visitLabel(subroutine);
        jsr.visitVarInsn(Opcodes.ASTORE, 0);
        jsr.visitVarInsn(Opcodes.RET, 0);
        jsr.visitMaxs(1, 1);
        jsr.visitEnd();
        // broken code (pops an empty stack): the analyzer refuses it
        MethodVisitor broken = generator.visitMethod(Opcodes.ACC_STATIC, "broken", "()V", null, null);
        broken.visitCode();
        broken.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false);
        broken.visitInsn(Opcodes.POP);
        broken.visitInsn(Opcodes.RETURN);
        broken.visitMaxs(1, 0);
        broken.visitEnd();
        // too large to analyse
        MethodVisitor huge = generator.visitMethod(Opcodes.ACC_STATIC, "huge", "()V", null, null);
        huge.visitCode();
        for (int i = 0; i < MethodScoper.MAX_INSTRUCTIONS; i++) {
            huge.visitInsn(Opcodes.NOP);
        }
        huge.visitIntInsn(Opcodes.BIPUSH, 8);
        huge.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false);
        huge.visitInsn(Opcodes.POP);
        huge.visitInsn(Opcodes.RETURN);
        huge.visitMaxs(1, 0);
        huge.visitEnd();
        // a constructor: no catch-all may cover the code before the super call
        MethodVisitor init = generator.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitIntInsn(Opcodes.BIPUSH, 8);
        init.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false);
        init.visitInsn(Opcodes.POP);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
        generator.visitEnd();

        List<SiteVerdict> verdicts = new ArrayList<>();
        ClassNode out = new ClassNode();
        new ClassReader(generator.toByteArray()).accept(new ScopedRewriter(RUNTIME, verdicts::add).visitor(out), 0);

        assertEquals(4, verdicts.size(), verdicts.toString());
        Map<String, String> reasons = new LinkedHashMap<>();
        for (SiteVerdict verdict : verdicts) {
            assertFalse(verdict.scoped(), verdict.toString());
            assertEquals(-1, verdict.line());
            reasons.put(verdict.methodName(), verdict.reason());
        }
        assertEquals("not analysed: jsr/ret subroutines", reasons.get("withSubroutine"));
        assertTrue(reasons.get("broken").startsWith("not analysed: "), reasons.get("broken"));
        assertTrue(reasons.get("<init>").startsWith("not analysed: constructor"), reasons.get("<init>"));
        assertEquals("not analysed: method too large", reasons.get("huge"));
        for (MethodNode method : out.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call && call.name.startsWith("allocate")) {
                    assertEquals(RUNTIME, call.owner);
                    assertEquals("allocateDirect", call.name);
                }
            }
        }
    }

    @Test
    void aThrowingListenerDoesNotStopTheRewrite() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return ScopedRewriterTest.class.getClassLoader();
            }
        };
        new ClassReader(Rewriting.bytesOf(ScopeCorpus.class)).accept(new ScopedRewriter(RUNTIME, verdict -> {
            throw new IllegalStateException("listener failed");
        }).visitor(writer), 0);
        ClassNode rewritten = new ClassNode();
        new ClassReader(writer.toByteArray()).accept(rewritten, 0);
        long scoped = rewritten.methods.stream().flatMap(m -> java.util.stream.StreamSupport.stream(
                        m.instructions.spliterator(), false))
                .filter(insn -> insn instanceof MethodInsnNode call && call.name.equals("allocateScoped")).count();
        assertTrue(scoped >= 30, "allocateScoped calls: " + scoped);
    }

    @Test
    void aPreviousBufferLeftOnTheOperandStackKeepsTheSite() throws Exception {
        // for (i = 0, x = null; i < 5; i++) x = allocateDirect(8), with x on the operand stack
        ClassWriter generator = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        generator.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/OnStack", null, "java/lang/Object",
                null);
        MethodVisitor m = generator.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()J", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 0);
        m.visitInsn(Opcodes.ACONST_NULL);
        Label loop = new Label();
        m.visitLabel(loop);
        m.visitIntInsn(Opcodes.BIPUSH, 8);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect", "(I)Ljava/nio/ByteBuffer;",
                false);
        m.visitInsn(Opcodes.SWAP);
        m.visitInsn(Opcodes.POP);
        m.visitIincInsn(0, 1);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitIntInsn(Opcodes.BIPUSH, 5);
        m.visitJumpInsn(Opcodes.IF_ICMPLT, loop);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "capacity", "()I", false);
        m.visitInsn(Opcodes.I2L);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        generator.visitEnd();

        List<SiteVerdict> verdicts = new ArrayList<>();
        byte[] rewritten = Rewriting.rewrite(generator.toByteArray(), verdicts);
        assertEquals(1, verdicts.size());
        assertFalse(verdicts.get(0).scoped());
        assertTrue(verdicts.get(0).reason().contains("operand stack"), verdicts.get(0).reason());
        Class<?> loaded = Class.forName("gen.OnStack", true, new Rewriting.Loader("gen.OnStack", rewritten));
        assertEquals(8L, loaded.getMethod("run").invoke(null));
    }

    @Test
    void viewsThroughBufferTypedDescriptorsOfOlderClassFilesCarryTheirSite() {
        // code compiled for Java 8 calls ByteBuffer.flip()Ljava/nio/Buffer; and Buffer.position(I)
        ClassWriter generator = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        generator.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Old", null, "java/lang/Object",
                null);
        generator.visitField(Opcodes.ACC_STATIC, "kept", "Ljava/nio/Buffer;", null, null).visitEnd();
        MethodVisitor flip = generator.visitMethod(Opcodes.ACC_STATIC, "flipAndKeep", "()V", null, null);
        flip.visitCode();
        flip.visitIntInsn(Opcodes.BIPUSH, 8);
        flip.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false);
        flip.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "flip", "()Ljava/nio/Buffer;", false);
        flip.visitFieldInsn(Opcodes.PUTSTATIC, "gen/Old", "kept", "Ljava/nio/Buffer;");
        flip.visitInsn(Opcodes.RETURN);
        flip.visitMaxs(0, 0);
        flip.visitEnd();
        MethodVisitor position = generator.visitMethod(Opcodes.ACC_STATIC, "positionAndReturn",
                "()Ljava/nio/ByteBuffer;",
                null, null);
        position.visitCode();
        position.visitIntInsn(Opcodes.BIPUSH, 8);
        position.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false);
        position.visitInsn(Opcodes.ICONST_2);
        position.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/nio/Buffer", "position", "(I)Ljava/nio/Buffer;", false);
        position.visitTypeInsn(Opcodes.CHECKCAST, "java/nio/ByteBuffer");
        position.visitInsn(Opcodes.ARETURN);
        position.visitMaxs(0, 0);
        position.visitEnd();
        generator.visitEnd();

        List<SiteVerdict> verdicts = new ArrayList<>();
        new ClassReader(generator.toByteArray()).accept(new ScopedRewriter(RUNTIME,
                verdicts::add).visitor(new ClassNode()),
                0);
        assertEquals(2, verdicts.size(), verdicts.toString());
        assertEquals("stored to static gen/Old.kept", verdicts.get(0).reason());
        assertEquals("returned", verdicts.get(1).reason());
    }

    @Test
    void aSiteInUnreachableCodeIsNotScoped() {
        ClassWriter generator = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        generator.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Dead", null, "java/lang/Object",
                null);
        MethodVisitor m = generator.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.RETURN);
        m.visitIntInsn(Opcodes.BIPUSH, 8);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect", "(I)Ljava/nio/ByteBuffer;",
                false);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        generator.visitEnd();

        List<SiteVerdict> verdicts = new ArrayList<>();
        new ClassReader(generator.toByteArray()).accept(new ScopedRewriter(RUNTIME,
                verdicts::add).visitor(new ClassNode()),
                0);
        assertEquals(1, verdicts.size());
        assertFalse(verdicts.get(0).scoped());
        assertEquals("unreachable code", verdicts.get(0).reason());
    }

    @Test
    void rewritingTwiceChangesNothingMore() {
        byte[] once = Rewriting.rewrite(Rewriting.bytesOf(ScopeCorpus.class), new ArrayList<>());
        List<SiteVerdict> again = new ArrayList<>();
        byte[] twice = Rewriting.rewrite(once, again);
        assertTrue(again.isEmpty(), again.toString());
        assertEquals(once.length, twice.length);
    }

    private static boolean hasExpectation(Class<?> corpus, String methodName) {
        for (Method method : corpus.getDeclaredMethods()) {
            if (method.getName().equals(methodName) && method.isAnnotationPresent(Expect.class)) {
                return true;
            }
        }
        return false;
    }
}
