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

import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.SiteTable;
import io.pagepool.agent.scope.ScopedRewriter;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Rewrites every {@code ByteBuffer.allocateDirect(int)} call in a class (and every tracked
 * {@code DirectBuffers.allocateDirect(int)} call the scoped step wrote) to
 * {@link DirectBuffers#allocateDirect(int, int)} with the site's {@link SiteTable} id, and every
 * {@code ByteBuffer::allocateDirect} method reference to {@link DirectBuffers#allocateDirect(int)}
 * (same descriptor; such calls share the unattributed site). The id is one constant pushed before
 * the call, so no frame changes and one more stack slot. Reports the number of sites per class.
 */
final class AllocationSiteRewrite extends AsmVisitorWrapper.AbstractBase {

    /** Told about each class with at least one rewritten site, once, after the class. */
    interface Sites {
        /**
         * @param className       the class's name
         * @param sites           sites this step rewrote
         * @param rewrittenBefore sites an earlier step (scoped release) rewrote in the same class
         */
        void rewritten(String className, int sites, int rewrittenBefore);
    }

    private static final String ALLOCATE_DIRECT = "allocateDirect";
    private static final String TRACKED_DESCRIPTOR = "(I)Ljava/nio/ByteBuffer;";

    private final Sites sites;

    AllocationSiteRewrite(Sites sites) {
        this.sites = sites;
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        return visitor(type.getName(), next);
    }

    /** Whether an instruction is the tracked {@code DirectBuffers.allocateDirect(int)} an earlier step wrote. */
    private static boolean isTrackedCall(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKESTATIC && DirectBuffers.INTERNAL_NAME.equals(owner)
                && ALLOCATE_DIRECT.equals(name) && TRACKED_DESCRIPTOR.equals(descriptor);
    }

    /**
     * The visitor for one class; an earlier step tells it of the sites it rewrote with
     * {@link ClassRewrite#rewroteBefore()}.
     */
    ClassRewrite visitor(String className, ClassVisitor next) {
        return new ClassRewrite(className, next);
    }

    /** Rewrites one class's sites and reports them, with the earlier step's, at the class's end. */
    final class ClassRewrite extends ClassVisitor {
        private final String className;
        private int count;
        private int before;

        private ClassRewrite(String className, ClassVisitor next) {
            super(Opcodes.ASM9, next);
            this.className = className;
        }

        /** One site of this class rewritten by an earlier step: the class counts as rewritten. */
        void rewroteBefore() {
            before++;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new SiteCalls(super.visitMethod(access, name, descriptor, signature, exceptions), name,
                    descriptor);
        }

        /**
         * One method: each {@code allocateDirect(int)} call (the JDK's, or the tracked one an
         * earlier step wrote) becomes {@code DirectBuffers.allocateDirect(int, siteId)}: one constant
         * pushed after the capacity, so the stack at branch targets and the frames stay as they were.
         */
        private final class SiteCalls extends MethodVisitor {
            private final String methodName;
            private final String methodDescriptor;
            private int line = -1;
            private int sitesInMethod;

            SiteCalls(MethodVisitor next, String methodName, String methodDescriptor) {
                super(Opcodes.ASM9, next);
                this.methodName = methodName;
                this.methodDescriptor = methodDescriptor;
            }

            @Override
            public void visitLineNumber(int lineNumber, Label start) {
                line = lineNumber;
                super.visitLineNumber(lineNumber, start);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                        boolean isInterface) {
                boolean jdkCall = ScopedRewriter.isAllocateDirect(opcode, owner, name, descriptor);
                if (jdkCall || isTrackedCall(opcode, owner, name, descriptor)) {
                    if (jdkCall) {
                        count++;
                    }
                    super.visitLdcInsn(siteId());
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, DirectBuffers.INTERNAL_NAME, ALLOCATE_DIRECT,
                            DirectBuffers.SITE_DESCRIPTOR, false);
                    return;
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            private int siteId() {
                String javaName = className + "." + methodName + "(" + Arrays.stream(
                        Type.getArgumentTypes(methodDescriptor)).map(SiteCalls::simpleName)
                        .collect(Collectors.joining(", ")) + ")" + (line >= 0 ? " line " + line : "");
                return SiteTable.global().register(className, methodName, methodDescriptor, line, sitesInMethod++,
                        javaName);
            }

            private static String simpleName(Type type) {
                String name = type.getClassName();
                return name.substring(name.lastIndexOf('.') + 1);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(sitesInMethod > 0 ? maxStack + 1 : maxStack, maxLocals);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                               Object... arguments) {
                for (int i = 0; i < arguments.length; i++) {
                    if (arguments[i] instanceof Handle h && h.getTag() == Opcodes.H_INVOKESTATIC
                            && ScopedRewriter.isAllocateDirect(Opcodes.INVOKESTATIC, h.getOwner(), h.getName(),
                            h.getDesc())) {
                        count++;
                        arguments[i] = new Handle(Opcodes.H_INVOKESTATIC, DirectBuffers.INTERNAL_NAME,
                                h.getName(), h.getDesc(), false);
                    }
                }
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
            }
        }

        @Override
        public void visitEnd() {
            if (count + before > 0) {
                sites.rewritten(className, count, before);
            }
            super.visitEnd();
        }
    }
}
