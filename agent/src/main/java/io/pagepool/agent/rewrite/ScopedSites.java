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
 * Then {@link AllocationSiteRewrite} rewrites the method references, and reports the class once
 * with both steps' sites.
 */
final class ScopedSites extends AsmVisitorWrapper.AbstractBase {
    private final SiteListener listener;
    private final AllocationSiteRewrite references;

    ScopedSites(SiteListener listener, AllocationSiteRewrite references) {
        this.listener = listener;
        this.references = references;
    }

    @Override
    public int mergeWriter(int flags) {
        return references.mergeWriter(flags) | ClassWriter.COMPUTE_FRAMES;
    }

    @Override
    public int mergeReader(int flags) {
        return references.mergeReader(flags);
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
                             int writerFlags, int readerFlags) {
        // the rewriter reports every verdict before it replays the class into the reference
        // rewrite, whose end then reports the class
        AllocationSiteRewrite.ClassRewrite rest = references.visitor(type.getName(), next);
        return new ScopedRewriter(DirectBuffers.INTERNAL_NAME, verdict -> {
            rest.rewroteBefore();
            listener.site(verdict);
        }).visitor(rest);
    }
}
