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

import java.util.IdentityHashMap;
import java.util.Map;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LineNumberNode;

/** Source lines of a method's instructions: the line of the closest preceding line-number entry. */
final class Lines {

    private final Map<AbstractInsnNode, Integer> lineOf = new IdentityHashMap<>();

    Lines(InsnList instructions) {
        int line = -1;
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            lineOf.put(insn, line);
        }
    }

    /** The line of {@code insn}, or -1. */
    int line(AbstractInsnNode insn) {
        return lineOf.getOrDefault(insn, -1);
    }

    /** {@code " at line N"}, or the empty string without line numbers. */
    String at(AbstractInsnNode insn) {
        int line = line(insn);
        return line < 0 ? "" : " at line " + line;
    }
}
