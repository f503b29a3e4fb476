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

import io.pagepool.agent.events.AgentEvents;
import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.scope.ClassFileScan;
import io.pagepool.agent.scope.SiteVerdict;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The class rewriting with ByteBuddy: call sites of {@code ByteBuffer.allocateDirect}
 * in accepted classes go to {@link DirectBuffers}, {@code release=} methods get
 * {@link ReleaseAdvice}. Classes are checked cheaply before ByteBuddy parses anything, by the
 * {@link ClassWatch}: by name, then by their constant pool ({@link ClassFileScan}: a reference to
 * {@code ByteBuffer.allocateDirect}), or membership in {@code release=}. At {@code -javaagent}
 * start this class is loaded (and ByteBuddy with it) only when the first such class loads: the
 * watch then rewrites through {@link #transformer}. At attach {@link #install} installs the
 * rewriting and retransforms the classes already loaded, only those whose class file references
 * the call.
 * Class file format changes are disabled (retransformation), and every failure is reported:
 * ByteBuddy is silent otherwise. Threading: the counters are read from any thread; the
 * transformer runs on whichever threads load classes.
 */
public final class Rewriter {
    private final ClassWatch watch;
    private final ClassFilter filter;
    private final Set<String> releaseClasses;
    private final List<AgentOptions.ReleaseMethod> releaseMethods;
    private final AgentLog log;
    private final boolean scope;
    private final ReleaseTargets releaseTargets;
    private final Map<ClassLoader, Boolean> loaderSeesRuntime = new WeakHashMap<>();
    /** How many skipped class names {@link #outcome()} lists. */
    private static final int SKIPPED_NAMES_SHOWN = 10;

    private final AtomicLong classesRewritten = new AtomicLong();
    private final AtomicLong sitesRewritten = new AtomicLong();
    /** Classes that could not be rewritten (they run unchanged), in the order they failed. */
    private final Set<String> skipped = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Classes already loaded at attach that the filter chose for retransformation. */
    private final AtomicLong loadedCandidates = new AtomicLong();
    private final AtomicLong loadersSkipped = new AtomicLong();
    private final AtomicLong scopedSites = new AtomicLong();

    /**
     * @param options the agent's options ({@code include}, {@code exclude}, {@code scope}, {@code release})
     * @param log     where failures and, at {@code log=debug}, every rewritten class go
     * @param watch   the pre-filter, which also counts the classes looked at and the time spent
     */
    public Rewriter(AgentOptions options, AgentLog log, ClassWatch watch) {
        this.watch = watch;
        this.filter = new ClassFilter(options.include(), options.exclude());
        this.releaseMethods = options.releaseMethods();
        this.releaseClasses = releaseMethods.stream().map(AgentOptions.ReleaseMethod::className)
                .collect(Collectors.toUnmodifiableSet());
        this.log = log;
        this.scope = options.scope();
        this.releaseTargets = new ReleaseTargets(releaseMethods, filter, log);
    }

    /** One line per {@code release=} entry whose class never loaded (at exit). */
    public List<String> releaseNeverLoaded() {
        return releaseTargets.neverLoaded();
    }

    /**
     * Classes with at least one site rewritten; not every class ByteBuddy transforms: the byte
     * scan lets in {@code release=} classes too.
     */
    public long classesRewritten() {
        return classesRewritten.get();
    }

    /** {@code allocateDirect} call sites and method references rewritten. */
    public long sitesRewritten() {
        return sitesRewritten.get();
    }

    /** Sites rewritten for scoped release (the others are released when unreachable). */
    public long scopedSites() {
        return scopedSites.get();
    }

    /** Classes that could not be rewritten or retransformed so far (each counted once). */
    public long failures() {
        return skipped.size();
    }

    /**
     * What the retransformation at attach did, in one line: {@code rewrote N site(s) in M class(es);
     * K class(es) skipped (names)}.
     */
    public String outcome() {
        List<String> names;
        synchronized (skipped) {
            names = List.copyOf(skipped);
        }
        String shown = String.join(", ", names.subList(0, Math.min(SKIPPED_NAMES_SHOWN, names.size())))
                + (names.size() > SKIPPED_NAMES_SHOWN ? " and " + (names.size() - SKIPPED_NAMES_SHOWN) + " more" : "");
        return "rewrote " + sitesRewritten() + " site(s) in " + classesRewritten() + " class(es); " + names.size()
                + " class(es) skipped" + (names.isEmpty() ? "" : " (" + shown + ")");
    }

    /** Whether classes loaded before attach were candidates, yet none could be rewritten. */
    public boolean rewroteNothing() {
        return loadedCandidates.get() > 0 && classesRewritten() == 0 && failures() > 0;
    }

    /** Classes left alone because their loader cannot see the agent's runtime. */
    public long loadersSkipped() {
        return loadersSkipped.get();
    }

    /**
     * How call sites are rewritten: with scoped release, {@link ScopedSites} (it rewrites every
     * {@code allocateDirect} call, then has {@link AllocationSiteRewrite} rewrite the method
     * references); else {@link AllocationSiteRewrite} alone.
     */
    private AsmVisitorWrapper siteRewriting() {
        AllocationSiteRewrite references = new AllocationSiteRewrite(this::rewritten);
        return scope ? new ScopedSites(this::verdict, references) : references;
    }

    private void verdict(SiteVerdict v) {
        sitesRewritten.incrementAndGet();
        if (v.scoped()) {
            scopedSites.incrementAndGet();
        }
        String className = v.className().replace('/', '.');
        String method = v.methodName() + v.methodDescriptor();
        log.debug((v.scoped() ? "scoped site " : "site released when unreachable ") + className + "." + method
                + (v.line() >= 0 ? " line " + v.line() : "") + ": " + v.reason());
        if (jdk.jfr.FlightRecorder.isInitialized()) { // else no recording can take it: leave JFR asleep
            AgentEvents.verdict(className, method, v.line(), v.scoped(), v.reason());
        }
    }

    /**
     * Once per class with a rewritten site: {@code count} rewritten here, the scoped step's
     * counted by {@link #verdict}.
     */
    private void rewritten(String className, int count, int rewrittenBefore) {
        classesRewritten.incrementAndGet();
        if (count > 0) {
            sitesRewritten.addAndGet(count);
            log.debug("rewrote " + className + ": " + count + " allocateDirect site" + (count == 1 ? "" : "s"));
        }
    }

    /**
     * Installs the transformer behind the {@link ClassWatch}'s pre-filter; with
     * {@code retransformLoaded} (attach), also rewrites the classes already loaded.
     */
    public ResettableClassFileTransformer install(Instrumentation inst, boolean retransformLoaded) {
        AgentBuilder agent = builder(inst);
        if (retransformLoaded) {
            agent = agent.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION).with(new RetransformFailures());
        }
        return agent.with((AgentBuilder.TransformerDecorator) PreFilter::new).installOn(inst);
    }

    /**
     * The rewriting as a transformer that is not installed: the {@link ClassWatch} calls it for
     * the classes it wants (it filtered and counts them).
     */
    public ClassFileTransformer transformer(Instrumentation inst) {
        return builder(inst).makeRaw();
    }

    /** The rewriting's configuration, without the pre-filter and without retransformation. */
    private AgentBuilder builder(Instrumentation inst) {
        AsmVisitorWrapper siteRewriting = siteRewriting();
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new Failures())
                .assureReadEdgeTo(inst, DirectBuffers.class)
                // replaces ByteBuddy's default ignore rule; Accepts (ClassFilter) keeps out the JDK,
                // ByteBuddy and pagepool by name
                .ignore(ElementMatchers.any(), ElementMatchers.isBootstrapClassLoader()
                        .or(ElementMatchers.isExtensionClassLoader()))
                .or(ElementMatchers.<TypeDescription>nameStartsWith("io.pagepool.shaded.")
                        .or(ElementMatchers.isSynthetic()))
                .type(new Accepts())
                .transform((builder, type, loader, module, domain) -> {
                    List<String> release = releaseTargets.loaded(type);
                    if (!loaderSeesRuntime(loader, type)) {
                        return builder;
                    }
                    return releaseAndRewrite(builder, siteRewriting, release);
                });
    }

    /**
     * One class's transformation: its call sites rewritten by {@code siteRewriting}, and the
     * methods named in {@code releaseMethods} (non-abstract) given {@link ReleaseAdvice}. The
     * advice is registered first: ByteBuddy's last-registered wrapper sees the class first, so
     * the site rewriting (and its scoped-release analysis) reads the method as written, and the
     * advice wraps the result; the other way round the analysis would read the advice's code.
     */
    static DynamicType.Builder<?> releaseAndRewrite(DynamicType.Builder<?> builder, AsmVisitorWrapper siteRewriting,
                                                   List<String> releaseMethods) {
        for (String method : releaseMethods) {
            builder = builder.visit(Advice.to(ReleaseAdvice.class).on(ElementMatchers.named(method)
                    .and(ElementMatchers.not(ElementMatchers.isAbstract()))));
        }
        return builder.visit(siteRewriting);
    }

    /** Rewritten code calls {@link DirectBuffers}: only rewrite classes whose loader resolves it to ours. */
    private boolean loaderSeesRuntime(ClassLoader loader, TypeDescription type) {
        synchronized (loaderSeesRuntime) {
            Boolean sees = loaderSeesRuntime.get(loader);
            if (sees == null) {
                try {
                    sees = Class.forName(DirectBuffers.class.getName(), false, loader) == DirectBuffers.class;
                } catch (ClassNotFoundException | LinkageError e) {
                    sees = false;
                }
                loaderSeesRuntime.put(loader, sees);
                if (!sees) {
                    log.info("not rewriting classes of class loader " + loader + " (first: " + type.getName()
                            + "): it cannot see the agent's classes");
                }
            }
            if (!sees) {
                loadersSkipped.incrementAndGet();
            }
            return sees;
        }
    }

    /** Name filter; for classes already loaded, also the constant pool of their class file resource. */
    private final class Accepts implements AgentBuilder.RawMatcher {
        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> loaded,
                               ProtectionDomain domain) {
            String name = type.getName();
            if (!filter.accepts(name)) {
                return false;
            }
            return loaded == null || releaseClasses.contains(name) || resourceReferencesAllocateDirect(loader, name);
        }
    }

    private static boolean resourceReferencesAllocateDirect(ClassLoader loader, String name) {
        if (loader == null) {
            return false;
        }
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in != null && ClassFileScan.referencesAllocateDirect(in.readAllBytes());
        } catch (IOException e) {
            return false;
        }
    }

    /** Skips classes by name and bytes before ByteBuddy parses them (the {@link ClassWatch}'s test). */
    private final class PreFilter extends ResettableClassFileTransformer.WithDelegation {
        PreFilter(ResettableClassFileTransformer delegate) {
            super(delegate);
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) throws IllegalClassFormatException {
            long start = System.nanoTime();
            try {
                return watch.wanted(internalName, bytes)
                        ? classFileTransformer.transform(loader, internalName, redefined, domain, bytes) : null;
            } finally {
                watch.account(start);
            }
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
            long start = System.nanoTime();
            try {
                return watch.wanted(internalName, bytes)
                        ? classFileTransformer.transform(module, loader, internalName, redefined, domain, bytes) : null;
            } finally {
                watch.account(start);
            }
        }
    }

    /** ByteBuddy's per-class outcomes: report every error (it is silent otherwise). */
    private final class Failures extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            skipped.add(typeName);
            log.error("could not rewrite " + typeName + " (it runs unchanged): " + throwable);
        }
    }

    /**
     * Retransformation of the classes loaded before attach. The JVM rejects a whole batch when
     * one class in it cannot be retransformed (a class in the error state: its static initialiser
     * threw, or linking failed), so a failed batch is split in halves and retried until the
     * failing classes stand alone: each skips only itself, and is counted and named once.
     */
    private final class RetransformFailures extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {
        @Override
        public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
            if (index == 0) {
                loadedCandidates.set(types.size());
            }
        }

        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                           List<Class<?>> types) {
            if (batch.size() > 1) {
                log.debug("retransforming " + batch.size() + " loaded classes failed (" + throwable
                        + "); retrying them in halves");
                int half = batch.size() / 2;
                return List.of(batch.subList(0, half), batch.subList(half, batch.size()));
            }
            String name = batch.get(0).getName();
            if (skipped.add(name)) {
                log.error("could not retransform " + name + " (it runs unchanged): " + throwable);
            }
            return List.of();
        }
    }
}
