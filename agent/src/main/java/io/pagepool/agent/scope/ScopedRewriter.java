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

import java.util.List;
import java.util.ListIterator;
import java.util.Objects;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites the {@code ByteBuffer.allocateDirect(int)} call sites of a class: sites whose buffers
 * provably die inside their method call {@code runtimeOwner.allocateScoped(int)} and are released
 * with {@code runtimeOwner.releaseScoped(ByteBuffer)} when they die; every other site calls
 * {@code runtimeOwner.allocateDirect(int)}. One verdict per site goes to the {@link SiteListener}.
 *
 * <p>Rewritten methods carry no stack map frames: the class writer downstream must compute them
 * ({@code ClassWriter.COMPUTE_FRAMES}; ByteBuddy: an {@code AsmVisitorWrapper} whose
 * {@code mergeWriter} adds it, and whose {@code wrap} returns {@link #visitor}). Any reader flags
 * do. No member is added or removed, so retransformation may use it. Thread-safe: each
 * {@link #visitor} call has its own state.
 */
public final class ScopedRewriter {

    private final String runtimeOwner;
    private final SiteListener listener;

    /**
     * @param runtimeOwner internal name of the class with the static methods
     *                     {@code allocateScoped(I)Ljava/nio/ByteBuffer;},
     *                     {@code allocateDirect(I)Ljava/nio/ByteBuffer;} and
     *                     {@code releaseScoped(Ljava/nio/ByteBuffer;)V} (null-safe)
     * @param listener     receives one verdict per site
     */
    public ScopedRewriter(String runtimeOwner, SiteListener listener) {
        this.runtimeOwner = Objects.requireNonNull(runtimeOwner, "runtimeOwner");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A visitor that buffers the class, rewrites its methods with sites at {@code visitEnd}, and
     * then replays it into {@code next}. It never throws for a bad method: a method it cannot
     * handle keeps its sites on the tracked {@code allocateDirect}, and the verdicts say why.
     */
    public ClassVisitor visitor(ClassVisitor next) {
        return new ClassNode(Opcodes.ASM9) {
            @Override
            public void visitEnd() {
                try {
                    rewrite(this);
                } catch (RuntimeException | StackOverflowError e) {
                    trackRemaining(this, "not analysed: internal error " + e);
                }
                accept(next);
            }
        };
    }

    /**
     * Whether an instruction (or a method handle, with {@code Opcodes.INVOKESTATIC} for
     * {@code H_INVOKESTATIC}) calls {@code ByteBuffer.allocateDirect(int)}: the one definition of a
     * site for every rewriting step.
     */
    public static boolean isAllocateDirect(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKESTATIC && MethodScoper.BYTE_BUFFER.equals(owner)
                && MethodScoper.ALLOCATE_DIRECT.equals(name) && MethodScoper.ALLOCATE_DESCRIPTOR.equals(descriptor);
    }

    private void rewrite(ClassNode owner) {
        Callees callees = new Callees(owner, new java.util.ArrayList<>(owner.methods));
        for (ListIterator<MethodNode> methods = owner.methods.listIterator(); methods.hasNext(); ) {
            MethodNode method = methods.next();
            List<MethodInsnNode> sites;
            try {
                sites = MethodScoper.sites(method);
            } catch (RuntimeException e) {
                continue; // a malformed method: leave it exactly as it came
            }
            if (sites.isEmpty()) {
                continue;
            }
            List<MethodScoper.Decision> decisions;
            try {
                MethodNode work = copy(method);
                decisions = MethodScoper.scope(owner.name, callees, work, runtimeOwner);
                methods.set(work);
            } catch (RuntimeException | StackOverflowError e) {
                MethodScoper.trackAll(sites, runtimeOwner);
                Lines lines = new Lines(method.instructions);
                String reason = "not analysed: internal error " + e;
                decisions = sites.stream().map(site -> new MethodScoper.Decision(lines.line(site), false, reason))
                        .toList();
            }
            for (int i = 0; i < decisions.size(); i++) {
                MethodScoper.Decision decision = decisions.get(i);
                report(new SiteVerdict(owner.name, method.name, method.desc, i, decision.line(), decision.scoped(),
                        decision.reason()));
            }
        }
    }

    /** Last resort: every site not handled yet goes to the tracked path. */
    private void trackRemaining(ClassNode owner, String reason) {
        for (MethodNode method : owner.methods) {
            try {
                List<MethodInsnNode> sites = MethodScoper.sites(method);
                MethodScoper.trackAll(sites, runtimeOwner);
                for (int i = 0; i < sites.size(); i++) {
                    report(new SiteVerdict(owner.name, method.name, method.desc, i, -1, false, reason));
                }
            } catch (RuntimeException e) {
                // a malformed method: leave it as it came
            }
        }
    }

    private void report(SiteVerdict verdict) {
        try {
            listener.site(verdict);
        } catch (RuntimeException e) {
            // a listener must not stop the rewrite; it is the listener's job to report its own failures
        }
    }

    private static MethodNode copy(MethodNode method) {
        MethodNode copy = new MethodNode(Opcodes.ASM9, method.access, method.name, method.desc, method.signature,
                method.exceptions.toArray(String[]::new));
        method.accept(copy);
        return copy;
    }
}
