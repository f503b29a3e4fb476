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

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Robustness on code nobody wrote for these tests: JDK classes are rewritten (frames computed)
 * and every method of the result must pass ASM's {@link BasicVerifier}; no site may end in an
 * internal error. The JDK has few sites of its own, so a second sweep plants one in every method
 * of a few hundred JDK classes (a buffer allocated on entry and read before every return), which
 * puts the catch-all handler and the release code into every shape of method javac produces.
 */
class JdkClassesRewriteTest {

    @Test
    void javaBaseClassesThatAllocateDirectBuffersRewriteToVerifiableCode() throws IOException {
        List<String> failures = new ArrayList<>();
        List<SiteVerdict> verdicts = new ArrayList<>();
        for (byte[] classFile : jdkClasses("/modules/java.base", true)) {
            if (ClassFileScan.referencesAllocateDirect(classFile)) {
                ClassNode original = new ClassNode();
                new ClassReader(classFile).accept(original, 0);
                rewriteAndVerify(original, verdicts, failures);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(!verdicts.isEmpty(), "no JDK site found");
    }

    @Test
    void thePreFilterAdmitsExactlyTheJavaBaseClassesWithASite() throws IOException {
        List<String> wrong = new ArrayList<>();
        int admitted = 0;
        for (byte[] classFile : jdkClasses("/modules/java.base", true)) {
            ClassNode node = new ClassNode();
            new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
            boolean hasSite = node.methods.stream().anyMatch(JdkClassesRewriteTest::hasSite);
            boolean admits = ClassFileScan.referencesAllocateDirect(classFile);
            admitted += admits ? 1 : 0;
            if (admits != hasSite) {
                wrong.add(node.name + (admits ? " admitted without a site" : " has a site but was not admitted"));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(admitted > 0, "no java.base class with a site");
    }

    private static boolean hasSite(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && MethodScoper.isSite(call)) {
                return true;
            }
            if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object argument : indy.bsmArgs) {
                    if (argument instanceof Handle h && ScopedRewriter.isAllocateDirect(Opcodes.INVOKESTATIC,
                            h.getOwner(), h.getName(), h.getDesc())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aSitePlantedInEveryMethodOfJavaUtilRewritesToVerifiableCode() throws IOException {
        List<String> failures = new ArrayList<>();
        List<SiteVerdict> verdicts = new ArrayList<>();
        int planted = 0;
        for (byte[] classFile : jdkClasses("/modules/java.base/java/util", false)) {
            ClassNode target = new ClassNode();
            new ClassReader(classFile).accept(target, ClassReader.SKIP_FRAMES);
            for (MethodNode method : target.methods) {
                planted += plant(method) ? 1 : 0;
            }
            rewriteAndVerify(target, verdicts, failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        long scoped = verdicts.stream().filter(SiteVerdict::scoped).count();
        assertTrue(planted >= 5_000 && verdicts.size() == planted, planted + " planted, " + verdicts.size()
                + " verdicts");
        assertTrue(scoped >= planted * 8L / 10, scoped + " of " + planted + " planted sites scoped");
    }

    /** {@code ByteBuffer b = allocateDirect(16)} on entry and {@code b.capacity()} before every return. */
    private static boolean plant(MethodNode method) {
        if (method.instructions.size() == 0 || method.instructions.size() > 2_000) {
            return false;
        }
        int local = method.maxLocals;
        InsnList entry = new InsnList();
        entry.add(new IntInsnNode(Opcodes.BIPUSH, 16));
        entry.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/nio/ByteBuffer", "allocateDirect",
                "(I)Ljava/nio/ByteBuffer;", false));
        entry.add(new VarInsnNode(Opcodes.ASTORE, local));
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN) {
                InsnList read = new InsnList();
                read.add(new VarInsnNode(Opcodes.ALOAD, local));
                read.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/nio/ByteBuffer", "capacity", "()I", false));
                read.add(new InsnNode(Opcodes.POP));
                method.instructions.insertBefore(insn, read);
            }
        }
        method.instructions.insert(entry);
        method.maxLocals = local + 1;
        method.maxStack += 1;
        return true;
    }

    private static void rewriteAndVerify(ClassNode target, List<SiteVerdict> verdicts, List<String> failures) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                try {
                    return super.getCommonSuperClass(type1, type2);
                } catch (RuntimeException | LinkageError e) {
                    return "java/lang/Object"; // a type this loader cannot see; BasicVerifier does not mind
                }
            }
        };
        List<SiteVerdict> found = new ArrayList<>();
        ClassVisitor rewriter = new ScopedRewriter(ScopeTestRuntime.INTERNAL_NAME, found::add).visitor(writer);
        target.accept(rewriter);
        verdicts.addAll(found);
        for (SiteVerdict verdict : found) {
            if (verdict.reason().contains("internal error")) {
                failures.add(verdict.toString());
            }
        }
        ClassNode rewritten = new ClassNode();
        new ClassReader(writer.toByteArray()).accept(rewritten, 0);
        for (MethodNode method : rewritten.methods) {
            try {
                new Analyzer<>(new BasicVerifier()).analyze(rewritten.name, method);
            } catch (AnalyzerException e) {
                failures.add(rewritten.name + "." + method.name + method.desc + ": " + e.getMessage());
            }
        }
    }

    /** Class files in {@code folder} of the running JDK's image, and in its subfolders when {@code recursive}. */
    private static List<byte[]> jdkClasses(String folder, boolean recursive) throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path root = jrt.getPath(folder);
        int depth = recursive ? Integer.MAX_VALUE : 1;
        List<byte[]> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, depth)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes.add(Files.readAllBytes(file));
            }
        }
        return classes;
    }
}
