package io.pagepool.agent;

import io.pagepool.agent.runtime.DirectBuffers;
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
 * Replaces every {@code ByteBuffer.allocateDirect(int)} call (and {@code ByteBuffer::allocateDirect}
 * method reference) in a class with {@link DirectBuffers#allocateDirect(int)}: same descriptor,
 * same stack, so no frame changes. Reports the number of sites per class.
 */
final class CallSiteSwap extends AsmVisitorWrapper.AbstractBase {
    static final String BYTE_BUFFER = "java/nio/ByteBuffer";
    static final String ALLOCATE_DIRECT = "allocateDirect";
    static final String DESCRIPTOR = "(I)Ljava/nio/ByteBuffer;";

    /** Told the class name and how many sites it had, after each class with at least one. */
    interface Sites {
        void swapped(String className, int sites);
    }

    private final Sites sites;

    CallSiteSwap(Sites sites) {
        this.sites = sites;
    }

    static boolean isAllocateDirect(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKESTATIC && BYTE_BUFFER.equals(owner) && ALLOCATE_DIRECT.equals(name)
                && DESCRIPTOR.equals(descriptor);
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            private int count;

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        if (isAllocateDirect(opcode, owner, name, descriptor)) {
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
                                    && isAllocateDirect(Opcodes.INVOKESTATIC, h.getOwner(), h.getName(), h.getDesc())) {
                                count++;
                                arguments[i] = new Handle(Opcodes.H_INVOKESTATIC, DirectBuffers.INTERNAL_NAME,
                                        ALLOCATE_DIRECT, DESCRIPTOR, false);
                            }
                        }
                        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
                    }
                };
            }

            @Override
            public void visitEnd() {
                if (count > 0) {
                    sites.swapped(type.getName(), count);
                }
                super.visitEnd();
            }
        };
    }
}
