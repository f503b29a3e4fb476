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

import java.nio.charset.StandardCharsets;

/**
 * Whether a class file calls {@code ByteBuffer.allocateDirect(int)}, from its bytes alone: the
 * rewriting's pre-filter, run on every class the JVM loads, so it must cost next to nothing for
 * the classes it rejects. A byte search for the name rejects almost all of them; the few that
 * name it get their constant pool walked, and pass only when a {@code Methodref} (which every
 * {@code invokestatic} and every {@code ByteBuffer::allocateDirect} method handle refers to) names
 * {@code java/nio/ByteBuffer.allocateDirect(I)Ljava/nio/ByteBuffer;}. A class that merely declares
 * or calls a method of its own with that name is rejected. No allocation but the offsets table of
 * the classes that name it; thread-safe (no state).
 */
public final class ClassFileScan {
    private static final byte[] NAME = ascii(MethodScoper.ALLOCATE_DIRECT);
    private static final byte[] OWNER = ascii(MethodScoper.BYTE_BUFFER);
    private static final byte[] DESCRIPTOR = ascii(MethodScoper.ALLOCATE_DESCRIPTOR);

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private ClassFileScan() {
    }

    /**
     * Whether {@code classFile}'s constant pool refers to {@code ByteBuffer.allocateDirect(int)}.
     * A class file whose constant pool cannot be walked (truncated, or a constant kind newer than
     * this code) passes when it names {@code allocateDirect}, so the rewriting decides and reports.
     */
    public static boolean referencesAllocateDirect(byte[] classFile) {
        if (indexOf(classFile, NAME, 0, classFile.length) < 0) {
            return false;
        }
        try {
            return walk(classFile);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean walk(byte[] b) {
        int count = u2(b, 8);
        int[] offsets = new int[count]; // of each entry's tag
        int at = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = at;
            int tag = b[at] & 0xFF;
            at += switch (tag) {
                case UTF8 -> 3 + u2(b, at + 1);
                case INTEGER, FLOAT, FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, DYNAMIC,
                     INVOKE_DYNAMIC -> 5;
                case LONG, DOUBLE -> 9;
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> 3;
                case METHOD_HANDLE -> 4;
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            };
            if (tag == LONG || tag == DOUBLE) {
                i++; // takes two slots
            }
        }
        for (int i = 1; i < count; i++) {
            int entry = offsets[i];
            if (entry != 0 && (b[entry] == METHOD_REF || b[entry] == INTERFACE_METHOD_REF)
                    && isAllocateDirect(b, offsets, u2(b, entry + 1), u2(b, entry + 3))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a method ref's class and name-and-type are ByteBuffer's allocateDirect(int). */
    private static boolean isAllocateDirect(byte[] b, int[] offsets, int classIndex, int nameAndTypeIndex) {
        int nameAndType = offsets[nameAndTypeIndex];
        int owner = offsets[classIndex];
        return b[nameAndType] == NAME_AND_TYPE && b[owner] == CLASS
                && utf8Equals(b, offsets[u2(b, nameAndType + 1)], NAME)
                && utf8Equals(b, offsets[u2(b, nameAndType + 3)], DESCRIPTOR)
                && utf8Equals(b, offsets[u2(b, owner + 1)], OWNER);
    }

    private static boolean utf8Equals(byte[] b, int entry, byte[] expected) {
        if (b[entry] != UTF8 || u2(b, entry + 1) != expected.length) {
            return false;
        }
        return indexOf(b, expected, entry + 3, entry + 3 + expected.length) == entry + 3;
    }

    /** The first index of {@code needle} in {@code b[from, to)}, or -1. */
    private static int indexOf(byte[] b, byte[] needle, int from, int to) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
