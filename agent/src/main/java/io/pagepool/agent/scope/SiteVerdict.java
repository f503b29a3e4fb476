package io.pagepool.agent.scope;

/**
 * What the rewriter decided for one {@code ByteBuffer.allocateDirect(int)} call site.
 *
 * @param className        internal name of the class, e.g. {@code com/x/Server}
 * @param methodName       name of the method holding the site
 * @param methodDescriptor descriptor of that method
 * @param siteIndex        0-based index of the site among the method's sites, in code order
 * @param line             source line of the site, or -1 when the class has no line numbers
 * @param scoped           true: the site now calls {@code allocateScoped} and its buffers are
 *                         released when they die; false: it calls {@code allocateDirect}
 *                         (released when unreachable)
 * @param reason           why, in one line: the first escape found, or why the method was not analysed
 */
public record SiteVerdict(String className, String methodName, String methodDescriptor, int siteIndex, int line,
                          boolean scoped, String reason) {
}
