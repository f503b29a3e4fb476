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

import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.Interpreter;

/** An {@link Analyzer} that also records the control flow graph, normal and exceptional edges. */
final class FlowAnalyzer extends Analyzer<Held> {

    private final int[][] normal;
    private final int[] normalCount;
    private final int[][] exceptional;
    private final int[] exceptionalCount;

    FlowAnalyzer(Interpreter<Held> interpreter, int instructionCount) {
        super(interpreter);
        normal = new int[instructionCount][];
        normalCount = new int[instructionCount];
        exceptional = new int[instructionCount][];
        exceptionalCount = new int[instructionCount];
    }

    @Override
    protected void newControlFlowEdge(int insnIndex, int successorIndex) {
        add(normal, normalCount, insnIndex, successorIndex);
    }

    @Override
    protected boolean newControlFlowExceptionEdge(int insnIndex, int successorIndex) {
        add(exceptional, exceptionalCount, insnIndex, successorIndex);
        return true;
    }

    /** Normal successors of instruction {@code index}. */
    int[] normalSuccessors(int index) {
        return trimmed(normal, normalCount, index);
    }

    /** Exception handlers instruction {@code index} may throw into. */
    int[] exceptionalSuccessors(int index) {
        return trimmed(exceptional, exceptionalCount, index);
    }

    private static void add(int[][] edges, int[] counts, int from, int to) {
        int[] list = edges[from];
        int count = counts[from];
        for (int i = 0; i < count; i++) {
            if (list[i] == to) {
                return; // the analyzer revisits instructions until the fixpoint
            }
        }
        if (list == null) {
            list = edges[from] = new int[2];
        } else if (count == list.length) {
            list = edges[from] = java.util.Arrays.copyOf(list, count * 2);
        }
        list[count] = to;
        counts[from] = count + 1;
    }

    private static int[] trimmed(int[][] edges, int[] counts, int index) {
        int[] list = edges[index];
        return list == null ? new int[0] : java.util.Arrays.copyOf(list, counts[index]);
    }
}
