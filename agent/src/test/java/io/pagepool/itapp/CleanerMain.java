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
package io.pagepool.itapp;

import io.pagepool.PagePools;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Frees direct buffers with {@code sun.misc.Unsafe.invokeCleaner} the three ways libraries do: a
 * direct call (an {@code invokevirtual} in a class built here with the JDK's class-file API, since
 * javac refuses to compile a call to the proprietary API without a warning), reflection, and a
 * bound {@code MethodHandle} (Netty's {@code CleanerJava9}). Prints one RESULT line per way: a
 * buffer of 2 KiB (pooled under the agent) before and after, a 1 MiB one (larger than a page: the
 * JDK's under the agent too) and the bytes the JDK freed, and what a slice or duplicate throws.
 * Arguments: {@code [--await FILE]} waits for FILE before the work (an attach comes first).
 */
public final class CleanerMain {
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
            .stream().filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();

    private CleanerMain() {
    }

    /** One way of calling {@code invokeCleaner}. */
    @FunctionalInterface
    interface Free {
        void free(ByteBuffer buffer) throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field field = unsafeClass.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        Object unsafe = field.get(null);
        Method reflective = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        MethodHandle handle = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                MethodType.methodType(void.class, ByteBuffer.class)).bindTo(unsafe);
        MethodHandle direct = directCall(unsafeClass);
        Free[] ways = {
            b -> {
                direct.invokeExact(unsafe, b);
            },
            b -> invokeReflectively(reflective, unsafe, b),
            b -> {
                handle.invokeExact(b);
            },
        };
        String[] names = {"direct", "reflection", "methodHandle"};
        // the JDK's method used, and compiled, before an attach retransforms it
        for (int i = 0; i < 20_000; i++) {
            direct.invokeExact(unsafe, ByteBuffer.allocateDirect(0));
        }
        if (args.length == 2 && args[0].equals("--await")) {
            System.out.println("ready");
            System.out.flush();
            while (!Files.exists(Path.of(args[1]))) {
                Thread.sleep(20);
            }
        }
        for (int i = 0; i < ways.length; i++) {
            System.out.println(round(names[i], ways[i]));
        }
    }

    /** A class whose {@code free(Unsafe, ByteBuffer)} is one {@code invokevirtual Unsafe.invokeCleaner}. */
    private static MethodHandle directCall(Class<?> unsafeClass) throws ReflectiveOperationException {
        ClassDesc unsafe = ClassDesc.of(unsafeClass.getName());
        ClassDesc buffer = ClassDesc.of(ByteBuffer.class.getName());
        ClassDesc self = ClassDesc.of(CleanerMain.class.getPackageName() + ".DirectFree");
        byte[] bytes = ClassFile.of().build(self, c -> c
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL)
                .withMethodBody("free", MethodTypeDesc.of(ConstantDescs.CD_void, unsafe, buffer),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                .aload(0).aload(1)
                                .invokevirtual(unsafe, "invokeCleaner",
                                        MethodTypeDesc.of(ConstantDescs.CD_void, buffer))
                                .return_()));
        Class<?> defined = MethodHandles.lookup().defineClass(bytes);
        return MethodHandles.lookup().findStatic(defined, "free", MethodType.methodType(void.class, unsafeClass,
                ByteBuffer.class)).asType(MethodType.methodType(void.class, Object.class, ByteBuffer.class));
    }

    private static void invokeReflectively(Method method, Object unsafe, ByteBuffer buffer) throws Throwable {
        try {
            method.invoke(unsafe, buffer);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One way's figures, as a RESULT line. */
    private static String round(String name, Free free) throws Throwable {
        ByteBuffer small = ByteBuffer.allocateDirect(2048);
        small.putLong(0, 42);
        boolean pooledBefore = PagePools.isPooled(small);
        free.free(small);
        boolean pooledAfter = PagePools.isPooled(small);
        ByteBuffer large = ByteBuffer.allocateDirect(1 << 20);
        boolean largePooled = PagePools.isPooled(large);
        long used = DIRECT.getMemoryUsed();
        free.free(large);
        long freedBytes = used - DIRECT.getMemoryUsed();
        ByteBuffer kept = ByteBuffer.allocateDirect(2048);
        ByteBuffer jdk = ByteBuffer.allocateDirect(1 << 20);
        String slice = thrown(free, kept.slice(8, 64));
        String duplicate = thrown(free, kept.duplicate());
        String jdkSlice = thrown(free, jdk.slice(8, 64));
        boolean keptPooled = PagePools.isPooled(kept);
        String line = "RESULT way=" + name + " pooledBefore=" + pooledBefore + " pooledAfter=" + pooledAfter
                + " largePooled=" + largePooled + " largeFreedBytes=" + freedBytes + " slice=" + slice
                + " duplicate=" + duplicate + " jdkSlice=" + jdkSlice + " keptPooledAfterViews=" + keptPooled;
        free.free(kept);
        free.free(jdk);
        return line;
    }

    /** The simple name of what {@code free} threw for {@code view}, and its message; "none" when nothing. */
    private static String thrown(Free free, ByteBuffer view) {
        try {
            free.free(view);
            return "none";
        } catch (Throwable e) {
            return e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage()).replace(' ', '_');
        }
    }
}
