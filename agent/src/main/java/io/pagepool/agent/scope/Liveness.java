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

import java.util.ArrayDeque;
import java.util.BitSet;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Live locals before each instruction (backward may-analysis over the graph of a
 * {@link FlowAnalyzer}). A local read in an exception handler is live across the whole range the
 * handler covers: exceptional edges add the handler's live set without killing anything.
 */
final class Liveness {

    private Liveness() {
    }

    /** {@code result[i]}: locals that may be read after control reaches instruction i, before being written. */
    static BitSet[] liveIn(InsnList instructions, FlowAnalyzer flow) {
        int count = instructions.size();
        BitSet[] live = new BitSet[count];
        int[][] predecessors = predecessors(count, flow);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[count];
        for (int i = count - 1; i >= 0; i--) {
            live[i] = new BitSet();
            work.add(i);
            queued[i] = true;
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            queued[i] = false;
            BitSet in = new BitSet();
            for (int successor : flow.normalSuccessors(i)) {
                in.or(live[successor]);
            }
            AbstractInsnNode insn = instructions.get(i);
            int defined = defined(insn);
            if (defined >= 0) {
                in.clear(defined);
            }
            int used = used(insn);
            if (used >= 0) {
                in.set(used);
            }
            for (int handler : flow.exceptionalSuccessors(i)) {
                in.or(live[handler]);
            }
            if (!in.equals(live[i])) {
                live[i] = in;
                for (int predecessor : predecessors[i]) {
                    if (!queued[predecessor]) {
                        queued[predecessor] = true;
                        work.add(predecessor);
                    }
                }
            }
        }
        return live;
    }

    private static int[][] predecessors(int count, FlowAnalyzer flow) {
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            for (int s : flow.normalSuccessors(i)) {
                sizes[s]++;
            }
            for (int s : flow.exceptionalSuccessors(i)) {
                sizes[s]++;
            }
        }
        int[][] predecessors = new int[count][];
        for (int i = 0; i < count; i++) {
            predecessors[i] = new int[sizes[i]];
            sizes[i] = 0;
        }
        for (int i = 0; i < count; i++) {
            for (int s : flow.normalSuccessors(i)) {
                predecessors[s][sizes[s]++] = i;
            }
            for (int s : flow.exceptionalSuccessors(i)) {
                predecessors[s][sizes[s]++] = i;
            }
        }
        return predecessors;
    }

    private static int used(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode var) {
            int opcode = var.getOpcode();
            return opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD || opcode == Opcodes.RET ? var.var : -1;
        }
        return insn instanceof IincInsnNode iinc ? iinc.var : -1;
    }

    private static int defined(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode var) {
            int opcode = var.getOpcode();
            return opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE ? var.var : -1;
        }
        return -1;
    }
}
