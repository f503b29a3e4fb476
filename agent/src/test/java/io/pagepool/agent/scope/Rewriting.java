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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/** Test helper: rewrites a class's bytes with {@link ScopedRewriter} and loads the result. */
final class Rewriting {

    private Rewriting() {
    }

    static byte[] bytesOf(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rewritten class file; verdicts are added to {@code verdicts}. */
    static byte[] rewrite(byte[] classFile, List<SiteVerdict> verdicts) {
        ClassLoader loader = Rewriting.class.getClassLoader();
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        new ClassReader(classFile).accept(new ScopedRewriter(ScopeTestRuntime.INTERNAL_NAME, verdicts::add)
                .visitor(writer), 0);
        return writer.toByteArray();
    }

    static List<SiteVerdict> verdicts(Class<?> type) {
        List<SiteVerdict> verdicts = new ArrayList<>();
        rewrite(bytesOf(type), verdicts);
        return verdicts;
    }

    /** Defines {@code name} from {@code classFile}, and nothing else: all other classes come from the parent. */
    static final class Loader extends ClassLoader {

        private final String name;
        private final byte[] classFile;

        Loader(String name, byte[] classFile) {
            super("rewritten", Rewriting.class.getClassLoader());
            this.name = name;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                if (loaded == null) {
                    loaded = defineClass(className, classFile, 0, classFile.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** The rewritten class, defined in a fresh loader and initialized (so the JVM verifies it). */
    static Class<?> load(Class<?> original, byte[] rewritten) throws ClassNotFoundException {
        return Class.forName(original.getName(), true, new Loader(original.getName(), rewritten));
    }
}
