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

import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The allowlist: JDK methods that provably do not keep a buffer passed to them (as receiver or
 * argument) after they return, and the methods whose result is a view of their receiver.
 *
 * <p>Only calls whose static owner is a JDK class that applications cannot extend in a way that
 * changes the method (final classes, or the {@code java.nio} buffer classes whose constructors are
 * package-private) are trusted; a call through an interface ({@code WritableByteChannel},
 * {@code Checksum}, ...) escapes, because a user implementation could keep the buffer.
 */
final class JdkCalls {

    /** The {@code java.nio} buffer classes: not extensible outside {@code java.nio}. */
    private static final Set<String> BUFFER_CLASSES = Set.of(
            "java/nio/Buffer", "java/nio/ByteBuffer", "java/nio/MappedByteBuffer", "java/nio/CharBuffer",
            "java/nio/ShortBuffer", "java/nio/IntBuffer", "java/nio/LongBuffer", "java/nio/FloatBuffer",
            "java/nio/DoubleBuffer");

    /** Channels whose synchronous read/write/send/receive copy from or to the buffer during the call. */
    private static final Set<String> CHANNEL_CLASSES = Set.of(
            "java/nio/channels/DatagramChannel", "java/nio/channels/SocketChannel",
            "java/nio/channels/FileChannel", "java/nio/channels/Pipe$SourceChannel",
            "java/nio/channels/Pipe$SinkChannel");

    private static final Set<String> CHANNEL_METHODS = Set.of("read", "write", "send", "receive");

    /** Final checksum classes; the {@code Checksum} interface itself is not trusted. */
    private static final Set<String> CHECKSUM_CLASSES = Set.of(
            "java/util/zip/CRC32", "java/util/zip/Adler32", "java/util/zip/CRC32C");

    /** Object methods a buffer may receive: they dispatch to the buffer's own implementation. */
    private static final Set<String> OBJECT_METHODS = Set.of("hashCode()I", "toString()Ljava/lang/String;",
            "getClass()Ljava/lang/Class;", "equals(Ljava/lang/Object;)Z");

    private static final String BYTE_BUFFER = "Ljava/nio/ByteBuffer;";

    /** Results of buffer methods that never share the buffer's memory. */
    private static final Set<String> UNSHARED_RESULTS = Set.of("java/lang/String", "java/nio/ByteOrder",
            "java/lang/Class");

    private JdkCalls() {
    }

    /**
     * Whether passing a buffer as argument {@code slot} of this call (0 = the receiver of an
     * instance call, else the argument's position counting the receiver) lets it escape.
     *
     * @return null when the call does not keep the buffer, else the reason it escapes
     */
    static String escapeReason(MethodInsnNode call, int slot) {
        boolean instance = call.getOpcode() != Opcodes.INVOKESTATIC;
        String owner = call.owner;
        if (call.getOpcode() == Opcodes.INVOKEVIRTUAL) {
            if (BUFFER_CLASSES.contains(owner)) {
                return null;
            }
            if (owner.equals("java/lang/Object") && slot == 0 && OBJECT_METHODS.contains(call.name + call.desc)) {
                return null;
            }
            if (slot > 0 && CHANNEL_CLASSES.contains(owner) && CHANNEL_METHODS.contains(call.name)
                    && argumentDescriptor(call, slot, instance).equals(BYTE_BUFFER)) {
                return null;
            }
            if (slot == 1 && CHECKSUM_CLASSES.contains(owner) && call.name.equals("update")
                    && call.desc.equals("(Ljava/nio/ByteBuffer;)V")) {
                return null;
            }
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC && slot == 0 && isRequireNonNull(call)) {
            return null;
        }
        String what = instance && slot == 0 ? "called " : "passed to ";
        String via = call.getOpcode() == Opcodes.INVOKEINTERFACE ? " (interface call)" : "";
        return what + owner + "." + call.name + via;
    }

    /**
     * Which argument slot (as in {@link #escapeReason}) the call's result is a view of, or -1 when
     * the result holds none of the call's buffers.
     */
    static int resultViewOf(MethodInsnNode call) {
        if (call.getOpcode() == Opcodes.INVOKEVIRTUAL && BUFFER_CLASSES.contains(call.owner)) {
            // any object may share the receiver's memory (slice, asIntBuffer, CharBuffer.chars()'s
            // lazy stream, ...) except the ones known to be copies or constants
            Type returned = Type.getReturnType(call.desc);
            boolean reference = returned.getSort() == Type.OBJECT || returned.getSort() == Type.ARRAY;
            return reference && !UNSHARED_RESULTS.contains(returned.getInternalName()) ? 0 : -1;
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC && isRequireNonNull(call)) {
            return 0;
        }
        return -1;
    }

    private static boolean isRequireNonNull(MethodInsnNode call) {
        return call.owner.equals("java/util/Objects") && call.name.equals("requireNonNull")
                && call.desc.startsWith("(Ljava/lang/Object;") && call.desc.endsWith(")Ljava/lang/Object;");
    }

    private static String argumentDescriptor(MethodInsnNode call, int slot, boolean instance) {
        Type[] arguments = Type.getArgumentTypes(call.desc);
        int index = instance ? slot - 1 : slot;
        return index >= 0 && index < arguments.length ? arguments[index].getDescriptor() : "";
    }
}
