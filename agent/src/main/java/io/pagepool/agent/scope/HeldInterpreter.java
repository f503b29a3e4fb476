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
import java.util.Map;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The may-hold analysis: every slot carries the set of sites whose buffers (or views of them) it
 * may hold. Sites enter at their {@code allocateDirect} call; sets flow through loads, stores,
 * {@code dup*}, {@code checkcast} and view methods, and merge by union. An escape (field, static,
 * array, return, invokedynamic, monitor, or a call off the {@link JdkCalls} allowlist that
 * {@link Callees} cannot prove harmless) is recorded
 * for every site in the escaping set; sets only grow until the fixpoint, so an escape seen on the
 * way is also an escape at the fixpoint.
 */
final class HeldInterpreter extends Interpreter<Held> {

    private final Map<AbstractInsnNode, Integer> siteIndex;
    private final String[] escapes;
    private final Lines lines;
    private final Callees callees;
    private Type[] parameterSites;

    /**
     * @param siteIndex the method's sites, each mapped to its index (0..63)
     * @param escapes   filled with the first escape reason per site (null: none found)
     * @param lines     source lines of the method's instructions, for the reasons
     * @param callees   summaries of the class's own methods, consulted for calls off the allowlist
     */
    HeldInterpreter(Map<AbstractInsnNode, Integer> siteIndex, String[] escapes, Lines lines, Callees callees) {
        super(Opcodes.ASM9);
        this.siteIndex = siteIndex;
        this.escapes = escapes;
        this.lines = lines;
        this.callees = callees;
    }

    /**
     * Makes every reference parameter a site of its own: bit i = argument slot i (0 = the
     * receiver of an instance method). Used to summarise callees.
     */
    HeldInterpreter withParametersAsSites(Type[] arguments) {
        parameterSites = arguments;
        return this;
    }

    @Override
    public Held newParameterValue(boolean isInstanceMethod, int local, Type type) {
        if (parameterSites == null || type.getSort() != Type.OBJECT && type.getSort() != Type.ARRAY) {
            return newValue(type);
        }
        int slot = isInstanceMethod ? 1 : 0;
        int next = slot;
        if (isInstanceMethod && local == 0) {
            return Held.site(0);
        }
        for (Type argument : parameterSites) {
            if (next == local) {
                return Held.site(slot);
            }
            next += argument.getSize();
            slot++;
        }
        throw new IllegalStateException("no parameter in local " + local);
    }

    @Override
    public Held newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return type == null ? Held.EMPTY1 : Held.of(type.getSize());
    }

    @Override
    public Held newOperation(AbstractInsnNode insn) {
        return switch (insn.getOpcode()) {
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> Held.EMPTY2;
            case Opcodes.LDC -> {
                Object constant = ((LdcInsnNode) insn).cst;
                boolean wide = constant instanceof Long || constant instanceof Double
                        || constant instanceof ConstantDynamic dynamic && dynamic.getSize() == 2;
                yield wide ? Held.EMPTY2 : Held.EMPTY1;
            }
            case Opcodes.GETSTATIC -> Held.of(Type.getType(((FieldInsnNode) insn).desc).getSize());
            default -> Held.EMPTY1;
        };
    }

    @Override
    public Held copyOperation(AbstractInsnNode insn, Held value) {
        return value;
    }

    @Override
    public Held unaryOperation(AbstractInsnNode insn, Held value) {
        switch (insn.getOpcode()) {
            case Opcodes.CHECKCAST:
                return value;
            case Opcodes.PUTSTATIC: {
                FieldInsnNode field = (FieldInsnNode) insn;
                escape(value, "stored to static " + field.owner + "." + field.name, insn);
                return null;
            }
            case Opcodes.MONITORENTER:
            case Opcodes.MONITOREXIT:
                escape(value, "used as a monitor", insn);
                return null;
            case Opcodes.GETFIELD:
                return Held.of(Type.getType(((FieldInsnNode) insn).desc).getSize());
            case Opcodes.LNEG, Opcodes.DNEG, Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D,
                 Opcodes.D2L:
                return Held.EMPTY2;
            default:
                return Held.EMPTY1;
        }
    }

    @Override
    public Held binaryOperation(AbstractInsnNode insn, Held value1, Held value2) {
        switch (insn.getOpcode()) {
            case Opcodes.PUTFIELD: {
                FieldInsnNode field = (FieldInsnNode) insn;
                escape(value2, "stored to field " + field.owner + "." + field.name, insn);
                return null;
            }
            case Opcodes.LALOAD, Opcodes.DALOAD, Opcodes.LADD, Opcodes.DADD, Opcodes.LSUB, Opcodes.DSUB,
                 Opcodes.LMUL, Opcodes.DMUL, Opcodes.LDIV, Opcodes.DDIV, Opcodes.LREM, Opcodes.DREM,
                 Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR:
                return Held.EMPTY2;
            default:
                return Held.EMPTY1;
        }
    }

    @Override
    public Held ternaryOperation(AbstractInsnNode insn, Held value1, Held value2, Held value3) {
        if (insn.getOpcode() == Opcodes.AASTORE) {
            escape(value3, "stored to an array", insn);
        }
        return null;
    }

    @Override
    public Held naryOperation(AbstractInsnNode insn, List<? extends Held> values) {
        if (insn instanceof InvokeDynamicInsnNode indy) {
            for (Held value : values) {
                escape(value, "captured by invokedynamic " + indy.name, insn);
            }
            return newValue(Type.getReturnType(indy.desc));
        }
        if (!(insn instanceof MethodInsnNode call)) {
            return Held.EMPTY1; // MULTIANEWARRAY
        }
        Integer site = siteIndex.get(insn);
        if (site != null) {
            return Held.site(site);
        }
        MethodNode callee = null;
        for (int slot = 0; slot < values.size(); slot++) {
            Held value = values.get(slot);
            if (value.tracked()) {
                AbstractInsnNode insnForLine = insn;
                String reason = JdkCalls.escapeReason(call, slot);
                if (reason != null && (callee != null || (callee = callees.resolve(call)) != null)) {
                    String inside = callees.escapeReason(callee, slot);
                    reason = inside == null ? null : reason + lines.at(insn) + " (there: " + inside + ")";
                    insnForLine = null;
                }
                if (reason != null) {
                    escape(value, reason, insnForLine);
                }
            }
        }
        Held result = newValue(Type.getReturnType(call.desc));
        int viewOf = JdkCalls.resultViewOf(call);
        if (result != null && viewOf >= 0 && values.get(viewOf).tracked()) {
            return new Held(result.size(), values.get(viewOf).sites());
        }
        return result;
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Held value, Held expected) {
        escape(value, "returned", insn);
    }

    @Override
    public Held merge(Held value1, Held value2) {
        return value1.union(value2);
    }

    /** Records {@code reason} (followed by the line of {@code insn} unless null) for every site in {@code value}. */
    private void escape(Held value, String reason, AbstractInsnNode insn) {
        long sites = value.sites();
        while (sites != 0L) {
            int site = Long.numberOfTrailingZeros(sites);
            sites &= sites - 1;
            if (escapes[site] == null) {
                escapes[site] = insn == null ? reason : reason + lines.at(insn);
            }
        }
    }
}
