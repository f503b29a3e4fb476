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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rewriter on the project's unmodified packet applications: verdicts for their sites, and the
 * JVM verifier over every rewritten class (all samples classes defined together in one loader).
 */
class SamplesRewriteTest {

    private static final String PACKAGE = "io.pagepool.samples.";

    @Test
    void theEchoServersPerPacketBufferIsScopedAndTheNicRingBufferIsNot() throws Exception {
        Map<String, byte[]> rewritten = new HashMap<>();
        List<SiteVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, byte[]> sample : sampleClasses().entrySet()) {
            byte[] classFile = sample.getValue();
            rewritten.put(sample.getKey(), ClassFileScan.referencesAllocateDirect(classFile)
                    ? Rewriting.rewrite(classFile, verdicts) : classFile);
        }
        Map<String, Boolean> scopedByMethod = new HashMap<>();
        for (SiteVerdict verdict : verdicts) {
            scopedByMethod.merge(verdict.className() + "." + verdict.methodName(), verdict.scoped(),
                    Boolean::logicalAnd);
        }
        assertEquals(Boolean.TRUE, scopedByMethod.get("io/pagepool/samples/UdpEchoServer.echoOne"),
                verdicts.toString());
        assertEquals(Boolean.TRUE, scopedByMethod.get("io/pagepool/samples/SimNic.receiveAndDrop"),
                verdicts.toString());
        assertEquals(Boolean.FALSE, scopedByMethod.get("io/pagepool/samples/SimNic.receiveAndTransmit"),
                verdicts.toString());

        ClassLoader loader = new ClassLoader("samples-rewritten", SamplesRewriteTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                byte[] classFile = rewritten.get(name);
                if (classFile == null) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : defineClass(name, classFile, 0, classFile.length);
                }
            }
        };
        for (String name : rewritten.keySet()) {
            if (!name.endsWith("package-info")) {
                Class<?> type = Class.forName(name, true, loader); // linked, so verified
                assertTrue(type.getClassLoader() == loader, name);
            }
        }
    }

    /** Binary name to class file, for every class of the samples module on the test class path. */
    private static Map<String, byte[]> sampleClasses() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Class<?> anchor = Class.forName(PACKAGE + "UdpEchoServer", false, SamplesRewriteTest.class.getClassLoader());
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new HashMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = location.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    classes.put(name, Files.readAllBytes(file));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().filter(e -> e.getName().endsWith(".class")).forEach(entry -> {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(entry.getName().replace('/', '.').replaceAll("\\.class$", ""), in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        classes.keySet().removeIf(name -> !name.startsWith(PACKAGE));
        assertTrue(classes.size() >= 5, classes.keySet().toString());
        return classes;
    }
}
