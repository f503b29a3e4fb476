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
package io.pagepool.agent.rewrite;

import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.scope.ClassFileScan;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The rewriting's pre-filter, and at {@code -javaagent} start the only transformer the agent
 * installs: JDK code alone (no ByteBuddy, no ASM), so a JVM whose classes never call
 * {@code ByteBuffer.allocateDirect} never loads the rewriting library. A class is wanted when
 * {@link ClassFilter} accepts its name and {@link ClassFileScan} finds the call in its constant
 * pool, or when it is a {@code release=} class.
 *
 * <p>The first wanted class starts the rewriting ({@link #startWith}): on the thread loading
 * that class, before the class is defined, so it is rewritten like every later one; a thread
 * loading another wanted class meanwhile waits for the start (no class is ever let through
 * unrewritten because the rewriting was not ready). When the start failed, wanted classes load
 * unchanged. Threading: {@link #transform} runs on every class-loading thread; the counters are
 * read from any thread.
 */
public final class ClassWatch implements ClassFileTransformer {
    private final ClassFilter filter;
    /** {@code release=} classes, internal names ({@code a/b/C}). */
    private final Set<String> releaseClasses;
    private final AtomicLong classesScanned = new AtomicLong();
    private final AtomicLong transformNanos = new AtomicLong();

    /** Builds the rewriting at the first wanted class; returns null when it could not. */
    private Supplier<ClassFileTransformer> start;
    /** The rewriting once started; null before, and for good when the start failed. */
    private volatile ClassFileTransformer rewriting;
    /** Guarded by this: the start ran (successfully or not), or is running on the thread holding the lock. */
    private boolean started;

    /** @param options the agent's options ({@code include}, {@code exclude}, {@code release}) */
    public ClassWatch(AgentOptions options) {
        this.filter = new ClassFilter(options.include(), options.exclude());
        Set<String> release = new HashSet<>(); // a loop, not a stream: this runs before main
        for (AgentOptions.ReleaseMethod m : options.releaseMethods()) {
            release.add(m.className().replace('.', '/'));
        }
        this.releaseClasses = Set.copyOf(release);
    }

    /**
     * What starts the rewriting when the first wanted class loads: it returns the transformer
     * that rewrites it and all later ones, or null when it could not start (it reports why).
     * Called once, before this watch is installed.
     */
    public synchronized void startWith(Supplier<ClassFileTransformer> rewritingStart) {
        this.start = rewritingStart;
    }

    /** Whether a class, by its JVM name ({@code a/b/C}) and class file, is for the rewriting. */
    boolean wanted(String internalName, byte[] bytes) {
        if (!filter.acceptsInternal(internalName)) {
            return false;
        }
        return ClassFileScan.referencesAllocateDirect(bytes)
                || !releaseClasses.isEmpty() && releaseClasses.contains(internalName);
    }

    /** Counts one class looked at, and the time since {@code startNanos}. */
    void account(long startNanos) {
        classesScanned.incrementAndGet();
        transformNanos.addAndGet(System.nanoTime() - startNanos);
    }

    /** Classes the pre-filter looked at. */
    public long classesScanned() {
        return classesScanned.get();
    }

    /** Time spent in the transformer (pre-filter and rewriting), all threads together. */
    public long transformNanos() {
        return transformNanos.get();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        long startNanos = System.nanoTime();
        try {
            if (!wanted(internalName, bytes)) {
                return null;
            }
            ClassFileTransformer t = rewriting;
            if (t == null && (t = started()) == null) {
                return null;
            }
            return t.transform(module, loader, internalName, redefined, domain, bytes);
        } finally {
            account(startNanos);
        }
    }

    /**
     * The rewriting, started by the first caller; others wait for it. Null when the start failed,
     * and on the starting thread itself while it starts (a class that thread loads meanwhile is
     * one of the agent's own or the JDK's, which the filter refuses anyway).
     */
    private synchronized ClassFileTransformer started() {
        if (!started) {
            started = true;
            Supplier<ClassFileTransformer> s = start;
            rewriting = s == null ? null : s.get();
        }
        return rewriting;
    }
}
