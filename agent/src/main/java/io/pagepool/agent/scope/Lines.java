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
