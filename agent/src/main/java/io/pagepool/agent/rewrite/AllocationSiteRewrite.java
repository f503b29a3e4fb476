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
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites every {@code ByteBuffer.allocateDirect(int)} call (and {@code ByteBuffer::allocateDirect}
 * method reference) in a class to {@link DirectBuffers#allocateDirect(int)}: same descriptor,
 * same stack, so no frame changes. Reports the number of sites per class.
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
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                    exceptions)) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                            boolean isInterface) {
                    if (ScopedRewriter.isAllocateDirect(opcode, owner, name, descriptor)) {
                        count++;
                        owner = DirectBuffers.INTERNAL_NAME;
                    }
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
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
            };
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
