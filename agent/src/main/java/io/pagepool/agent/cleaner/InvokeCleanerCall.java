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

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The bytecode added to {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)}: before each normal
 * return, {@code BRIDGE.freed(directBuffer)}, its answer dropped. So it runs once the JDK's body
 * accepted the call (a direct buffer, the memory-access policy of
 * {@code --sun-misc-unsafe-memory-access} applied, not a slice or duplicate); a call the JDK
 * refuses throws as before and reaches nothing. No branch and no local is added (the stack is
 * empty at a return and the method's own maximum is larger), so the stack map frames stand.
 */
final class InvokeCleanerCall extends MethodVisitor {
    private final String bridgeInternalName;

    InvokeCleanerCall(MethodVisitor next, String bridgeInternalName) {
        super(Opcodes.ASM9, next);
        this.bridgeInternalName = bridgeInternalName;
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            super.visitVarInsn(Opcodes.ALOAD, 1); // the instance method's one argument
            super.visitMethodInsn(Opcodes.INVOKESTATIC, bridgeInternalName, "freed", "(Ljava/nio/ByteBuffer;)Z", false);
            super.visitInsn(Opcodes.POP);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, 2), Math.max(maxLocals, 2));
    }
}
