package io.pagepool.agent.rewrite;

import java.util.List;

/**
 * Which classes the agent may rewrite, by name: never the JDK, pagepool itself or its relocated
 * libraries; then {@code include} (empty: everything) minus {@code exclude}. Works on binary
 * names ({@code a.b.C}); {@link #acceptsInternal} takes the JVM's {@code a/b/C}.
 */
final class ClassFilter {
    /** Never rewritten: the JDK, pagepool's own code and the libraries it shades. */
    static final List<String> BUILT_IN_EXCLUDES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "io.pagepool.agent.", "io.pagepool.pool.", "io.pagepool.recorder.", "io.pagepool.tuner.",
            "io.pagepool.report.", "io.pagepool.shaded.", "io.pagepool.PagePools", "net.bytebuddy.",
            "org.objectweb.asm.", "picocli.");

    private final List<String> include;
    private final List<String> exclude;

    ClassFilter(List<String> include, List<String> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    boolean accepts(String binaryName) {
        if (binaryName == null || startsWithAny(binaryName, BUILT_IN_EXCLUDES) || startsWithAny(binaryName, exclude)) {
            return false;
        }
        return include.isEmpty() || startsWithAny(binaryName, include);
    }

    boolean acceptsInternal(String internalName) {
        return internalName != null && accepts(internalName.replace('/', '.'));
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
