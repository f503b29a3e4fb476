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
package io.pagepool.pool;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * libc's {@code mmap}, {@code munmap}, {@code madvise} and {@code mlock} through the FFM
 * {@link Linker}, with {@code errno} captured. Linux only.
 *
 * <p>Linking is a restricted operation: this class is loaded only when
 * {@link #isAvailable()} said yes, so an application without {@code --enable-native-access}
 * never sees the JDK's native-access warning because of pagepool.
 */
final class NativeMemory {
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MADV_HUGEPAGE = 14;
    /** Linux 5.14+: populate (prefault) page tables writable, in one call. */
    private static final int MADV_POPULATE_WRITE = 23;
    private static final long MAP_FAILED = -1L;
    static final long HUGE_PAGE_BYTES = 2L << 20;

    private NativeMemory() {
    }

    /** True when native calls are allowed for pagepool's module and the OS is Linux. */
    static boolean isAvailable() {
        return NativeMemory.class.getModule().isNativeAccessEnabled()
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /**
     * Maps {@code bytes} of anonymous memory aligned to {@code alignBytes} (a power of two).
     *
     * @throws OutOfMemoryError when the OS refuses, with errno in the message
     */
    static long mmap(long bytes, long alignBytes) {
        long request = bytes + alignBytes;
        long raw = Calls.mmap(request);
        long aligned = (raw + alignBytes - 1) & -alignBytes;
        long head = aligned - raw;
        long tail = request - head - bytes;
        if (head > 0) {
            munmap(raw, head);
        }
        if (tail > 0) {
            munmap(aligned + bytes, tail);
        }
        return aligned;
    }

    static void munmap(long address, long bytes) {
        Calls.checkZero(Calls.invoke(Calls.MUNMAP, address, bytes), "munmap");
    }

    /** Returns 0 on success, else errno. */
    static int madviseHugePage(long address, long bytes) {
        return Calls.madvise(address, bytes, MADV_HUGEPAGE);
    }

    /** Prefaults writable; returns 0 on success, else errno (EINVAL before Linux 5.14). */
    static int madvisePopulateWrite(long address, long bytes) {
        return Calls.madvise(address, bytes, MADV_POPULATE_WRITE);
    }

    /** Returns 0 on success, else errno (ENOMEM or EPERM when RLIMIT_MEMLOCK forbids). */
    static int mlock(long address, long bytes) {
        return Calls.invoke(Calls.MLOCK, address, bytes);
    }

    /** Lazily linked handles: loading this class performs the restricted linking. */
    @SuppressWarnings("restricted")
    private static final class Calls {
        private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO =
                CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final MethodHandle MMAP;
        private static final MethodHandle MUNMAP;
        private static final MethodHandle MADVISE;
        private static final MethodHandle MLOCK;

        static {
            Linker linker = Linker.nativeLinker();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            var libc = linker.defaultLookup();
            MMAP = linker.downcallHandle(libc.findOrThrow("mmap"),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                    errno);
            FunctionDescriptor addrLen = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG);
            MUNMAP = linker.downcallHandle(libc.findOrThrow("munmap"), addrLen, errno);
            MLOCK = linker.downcallHandle(libc.findOrThrow("mlock"), addrLen, errno);
            MADVISE = linker.downcallHandle(libc.findOrThrow("madvise"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT),
                    errno);
        }

        /** Anonymous private read-write mmap; returns the address or throws OutOfMemoryError naming errno. */
        static long mmap(long bytes) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CAPTURE);
                long address = (long) MMAP.invokeExact(state, 0L, bytes, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
                if (address == MAP_FAILED) {
                    throw new OutOfMemoryError("mmap(" + bytes + " bytes) failed: errno " + (int) ERRNO.get(state, 0L));
                }
                return address;
            } catch (OutOfMemoryError | RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("mmap failed", t);
            }
        }

        /** Calls an (address, length) function; returns 0 or errno. */
        static int invoke(MethodHandle handle, long address, long bytes) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CAPTURE);
                int rc = (int) handle.invokeExact(state, address, bytes);
                return rc == 0 ? 0 : Math.max(1, (int) ERRNO.get(state, 0L));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("native call failed", t);
            }
        }

        static int madvise(long address, long bytes, int advice) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CAPTURE);
                int rc = (int) MADVISE.invokeExact(state, address, bytes, advice);
                return rc == 0 ? 0 : Math.max(1, (int) ERRNO.get(state, 0L));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("native call failed", t);
            }
        }

        static void checkZero(int errno, String name) {
            if (errno != 0) {
                throw new IllegalStateException(name + " failed: errno " + errno);
            }
        }
    }
}
