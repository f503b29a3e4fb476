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

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Decides and rewrites the sites of one method.
 *
 * <p>A site is scoped when no buffer from it escapes (see {@link HeldInterpreter}) and, just
 * before the site runs, no live local and no stack slot may hold a buffer from it (so the buffer
 * of its previous run is dead). A scoped site gets a fresh local {@code held} (null at entry): the
 * site stores its buffer there too; before the site runs, and before every return, {@code held}
 * is nulled and its old value released; a catch-all handler over the whole method releases it and
 * rethrows. Nulling before releasing means a throwing release is never repeated by the handler.
 */
final class MethodScoper {

    static final String BYTE_BUFFER = "java/nio/ByteBuffer";
    static final String ALLOCATE_DIRECT = "allocateDirect";
    static final String ALLOCATE_DESCRIPTOR = "(I)Ljava/nio/ByteBuffer;";
    static final String ALLOCATE_SCOPED = "allocateScoped";
    static final String RELEASE_SCOPED = "releaseScoped";
    static final String RELEASE_DESCRIPTOR = "(Ljava/nio/ByteBuffer;)V";

    /**
     * Larger methods are not analysed: the inserted code must not push a method past the JVM's
     * 64 KiB code limit, and the analyzer keeps a frame of (locals + stack) values per instruction,
     * so {@link #MAX_FRAME_VALUES} bounds its memory (about 8 MB) in the application's heap.
     */
    static final int MAX_INSTRUCTIONS = 8_000;
    static final int MAX_FRAME_VALUES = 1_000_000;
    static final int MAX_SITES = Long.SIZE;

    private MethodScoper() {
    }

    /** The sites of a method in code order (empty for most methods). */
    static List<MethodInsnNode> sites(MethodNode method) {
        List<MethodInsnNode> sites = new ArrayList<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof MethodInsnNode call && isSite(call)) {
                sites.add(call);
            }
        }
        return sites;
    }

    static boolean isSite(MethodInsnNode call) {
        return ScopedRewriter.isAllocateDirect(call.getOpcode(), call.owner, call.name, call.desc);
    }

    /** Points every site at {@code runtimeOwner.allocateDirect}: the reachability-tracked path. */
    static void trackAll(List<MethodInsnNode> sites, String runtimeOwner) {
        for (MethodInsnNode site : sites) {
            site.owner = runtimeOwner;
            site.itf = false;
        }
    }

    /**
     * Analyses {@code method} and rewrites its sites in place.
     *
     * @return one decision per site, in code order
     */
    static List<Decision> scope(String owner, Callees callees, MethodNode method, String runtimeOwner) {
        List<MethodInsnNode> sites = sites(method);
        Lines lines = new Lines(method.instructions);
        String refusal = refusal(method, sites.size());
        boolean[] scoped = new boolean[sites.size()];
        String[] reasons = new String[sites.size()];
        if (refusal == null) {
            try {
                analyse(owner, callees, method, sites, lines, scoped, reasons);
            } catch (AnalyzerException e) {
                refusal = "not analysed: " + e.getMessage();
            }
        }
        if (refusal != null) {
            java.util.Arrays.fill(scoped, false);
            java.util.Arrays.fill(reasons, refusal);
        }
        rewrite(method, sites, scoped, runtimeOwner);
        List<Decision> decisions = new ArrayList<>(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            decisions.add(new Decision(lines.line(sites.get(i)), scoped[i], reasons[i]));
        }
        return decisions;
    }

    /** One site's outcome. */
    record Decision(int line, boolean scoped, String reason) {
    }

    private static String refusal(MethodNode method, int siteCount) {
        if (siteCount > MAX_SITES) {
            return "not analysed: more than " + MAX_SITES + " sites in the method";
        }
        if (method.name.equals("<init>")) {
            return "not analysed: constructor (no handler may cover code before the super call)";
        }
        if (tooLarge(method)) {
            return "not analysed: method too large";
        }
        if (hasSubroutines(method)) {
            return "not analysed: jsr/ret subroutines";
        }
        return null;
    }

    /** Whether {@code method} uses jsr/ret subroutines (old class files), which no analysis here handles. */
    static boolean hasSubroutines(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
                return true;
            }
        }
        return false;
    }

    /** Whether analysing {@code method} would cost too much time, memory or code size. */
    static boolean tooLarge(MethodNode method) {
        long values = (long) method.instructions.size() * (method.maxLocals + method.maxStack);
        return method.instructions.size() > MAX_INSTRUCTIONS || values > MAX_FRAME_VALUES;
    }

    private static void analyse(String owner, Callees callees, MethodNode method, List<MethodInsnNode> sites,
                                Lines lines, boolean[] scoped, String[] reasons) throws AnalyzerException {
        Map<AbstractInsnNode, Integer> siteIndex = new IdentityHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            siteIndex.put(sites.get(i), i);
        }
        InsnList instructions = method.instructions;
        FlowAnalyzer flow = new FlowAnalyzer(new HeldInterpreter(siteIndex, reasons, lines, callees),
                instructions.size());
        Frame<Held>[] frames = flow.analyze(owner, method);
        BitSet[] live = Liveness.liveIn(instructions, flow);
        for (int i = 0; i < sites.size(); i++) {
            if (reasons[i] != null) {
                continue; // escaped
            }
            int at = instructions.indexOf(sites.get(i));
            Frame<Held> frame = frames[at];
            if (frame == null) {
                reasons[i] = "unreachable code";
                continue;
            }
            reasons[i] = stillHeld(method, frame, live[at], 1L << i, sites.get(i), lines);
            scoped[i] = reasons[i] == null;
            if (scoped[i]) {
                reasons[i] = "scoped: does not escape, dead when the site runs again";
            }
        }
    }

    /** Why a buffer of the site's previous run may still be in use when the site runs, or null. */
    private static String stillHeld(MethodNode method, Frame<Held> frame, BitSet live, long site,
                                    AbstractInsnNode at, Lines lines) {
        for (int local = 0; local < frame.getLocals(); local++) {
            if ((frame.getLocal(local).sites() & site) != 0 && live.get(local)) {
                return "the previous buffer is still live in local " + localName(method, local, at)
                        + " when the site runs again" + lines.at(at);
            }
        }
        for (int slot = 0; slot < frame.getStackSize(); slot++) {
            if ((frame.getStack(slot).sites() & site) != 0) {
                return "the previous buffer is still on the operand stack when the site runs again" + lines.at(at);
            }
        }
        return null;
    }

    private static String localName(MethodNode method, int local, AbstractInsnNode at) {
        if (method.localVariables != null) {
            int index = method.instructions.indexOf(at);
            for (LocalVariableNode variable : method.localVariables) {
                if (variable.index == local && method.instructions.indexOf(variable.start) <= index
                        && index < method.instructions.indexOf(variable.end)) {
                    return local + " (" + variable.name + ")";
                }
            }
        }
        return Integer.toString(local);
    }

    private static void rewrite(MethodNode method, List<MethodInsnNode> sites, boolean[] scoped,
                                String runtimeOwner) {
        trackAll(sites, runtimeOwner);
        int[] held = new int[sites.size()];
        int heldCount = 0;
        for (int i = 0; i < sites.size(); i++) {
            held[i] = scoped[i] ? method.maxLocals + heldCount++ : -1;
        }
        if (heldCount == 0) {
            return;
        }
        InsnList code = method.instructions;
        for (int i = 0; i < sites.size(); i++) {
            if (held[i] >= 0) {
                MethodInsnNode site = sites.get(i);
                site.name = ALLOCATE_SCOPED;
                code.insertBefore(site, release(held[i], runtimeOwner));
                InsnList keep = new InsnList();
                keep.add(new InsnNode(Opcodes.DUP));
                keep.add(new VarInsnNode(Opcodes.ASTORE, held[i]));
                code.insert(site, keep);
            }
        }
        for (AbstractInsnNode insn = code.getFirst(); insn != null; ) {
            AbstractInsnNode next = insn.getNext();
            int opcode = insn.getOpcode();
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                for (int slot : held) {
                    if (slot >= 0) {
                        code.insertBefore(insn, release(slot, runtimeOwner));
                    }
                }
            } else if (insn instanceof FrameNode) {
                code.remove(insn); // stale now: the class writer must compute frames
            }
            insn = next;
        }
        InsnList entry = new InsnList();
        for (int slot : held) {
            if (slot >= 0) {
                entry.add(new InsnNode(Opcodes.ACONST_NULL));
                entry.add(new VarInsnNode(Opcodes.ASTORE, slot));
            }
        }
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        entry.add(start);
        code.insert(entry);
        code.add(end);
        code.add(handler);
        for (int slot : held) {
            if (slot >= 0) {
                code.add(new VarInsnNode(Opcodes.ALOAD, slot));
                code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, runtimeOwner, RELEASE_SCOPED, RELEASE_DESCRIPTOR,
                        false));
            }
        }
        code.add(new InsnNode(Opcodes.ATHROW));
        method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
        method.maxLocals += heldCount;
        method.maxStack += 2;
    }

    /** {@code b = held; held = null; releaseScoped(b)}: stack-neutral. */
    private static InsnList release(int slot, String runtimeOwner) {
        InsnList release = new InsnList();
        release.add(new VarInsnNode(Opcodes.ALOAD, slot));
        release.add(new InsnNode(Opcodes.ACONST_NULL));
        release.add(new VarInsnNode(Opcodes.ASTORE, slot));
        release.add(new MethodInsnNode(Opcodes.INVOKESTATIC, runtimeOwner, RELEASE_SCOPED, RELEASE_DESCRIPTOR, false));
        return release;
    }
}
