package io.pagepool.agent;

import java.nio.charset.StandardCharsets;

/** Cheap checks on a class file's bytes, made before anything parses them. */
final class ClassBytes {
    private static final byte[] ALLOCATE_DIRECT = "allocateDirect".getBytes(StandardCharsets.US_ASCII);

    private ClassBytes() {
    }

    /**
     * Whether the constant pool may reference {@code allocateDirect}: a method reference to it
     * needs that name as a UTF-8 constant, so a class without those bytes has no call site.
     */
    static boolean mentionsAllocateDirect(byte[] classFile) {
        return indexOf(classFile, ALLOCATE_DIRECT) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
