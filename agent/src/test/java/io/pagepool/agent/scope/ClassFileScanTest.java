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

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewriting's pre-filter admits a class only when its constant pool refers to ByteBuffer's allocateDirect. */
class ClassFileScanTest {

    /** Declares and calls a method of its own named allocateDirect; never ByteBuffer's. */
    static final class DeclaresItsOwn {
        static final String NAME = "allocateDirect";

        static Object allocateDirect(int capacity) {
            return new byte[capacity];
        }

        static Object allocateDirectUnpooled(int capacity) {
            return allocateDirect(capacity);
        }
    }

    /** Calls ByteBuffer.allocateDirect. */
    static final class CallsIt {
        static ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity);
        }
    }

    /** Only a method handle to it, through a method reference. */
    static final class HandleOnly {
        static IntFunction<ByteBuffer> allocator() {
            return ByteBuffer::allocateDirect;
        }
    }

    /** Calls ByteBuffer.allocate (same owner, other name) and names allocateDirect in a string. */
    static final class NearMiss {
        static ByteBuffer allocate(int capacity) {
            System.out.println("allocateDirect");
            return ByteBuffer.allocate(capacity);
        }
    }

    static byte[] classFile(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean names(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains("allocateDirect");
    }

    @Test
    void aClassWithAMethodOfThatNameIsNotAdmitted() {
        byte[] bytes = classFile(DeclaresItsOwn.class);
        assertTrue(names(bytes), "the name is in its constant pool");
        assertFalse(ClassFileScan.referencesAllocateDirect(bytes));
        assertFalse(ClassFileScan.referencesAllocateDirect(classFile(NearMiss.class)));
    }

    @Test
    void aDirectCallAndAMethodHandleAreAdmitted() {
        assertTrue(ClassFileScan.referencesAllocateDirect(classFile(CallsIt.class)));
        assertTrue(ClassFileScan.referencesAllocateDirect(classFile(HandleOnly.class)));
    }

    @Test
    void aClassWithoutTheNameIsNotAdmittedAndATruncatedOneThatNamesItIs() {
        assertFalse(ClassFileScan.referencesAllocateDirect(classFile(Object.class)));
        byte[] bytes = classFile(CallsIt.class);
        int name = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("allocateDirect");
        byte[] cut = Arrays.copyOf(bytes, name + "allocateDirect".length());
        assertTrue(ClassFileScan.referencesAllocateDirect(cut), "left to the rewriting, which reports it");
    }
}
