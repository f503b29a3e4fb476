package io.pagepool.agent;

import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.scope.ScopedRewriter;
import io.pagepool.agent.scope.SiteListener;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * Scoped release in ByteBuddy's pipeline: {@link ScopedRewriter} rewrites every call site (scoped
 * or reachability-tracked) and drops the rewritten methods' frames, so the class writer computes
 * them (ByteBuddy resolves common super classes through its type pool, without loading classes).
 */
final class ScopedSites extends AsmVisitorWrapper.AbstractBase {
    private final ScopedRewriter rewriter;

    ScopedSites(SiteListener listener) {
        this.rewriter = new ScopedRewriter(DirectBuffers.INTERNAL_NAME, listener);
    }

    @Override
    public int mergeWriter(int flags) {
        return flags | ClassWriter.COMPUTE_FRAMES;
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        return rewriter.visitor(next);
    }
}
