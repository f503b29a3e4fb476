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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Summaries of the class's own methods that a call can only reach in this class (static,
 * private, final, or of a final class): for each argument, whether the method may keep it. A
 * summary is the may-hold analysis run on the callee with each reference parameter as its own
 * "site"; a parameter escapes as a site does, and also when it is returned. Calls inside a
 * summary are summarised in turn up to {@link #MAX_DEPTH}; recursion and deeper calls count as
 * escapes. Computed lazily, once per method, from the methods as they were read.
 */
final class Callees {

    static final int MAX_DEPTH = 3;

    private final ClassNode owner;
    private final Map<String, MethodNode> methods = new HashMap<>();
    private final Map<String, String[]> summaries = new HashMap<>();
    private final Map<String, Boolean> inProgress = new HashMap<>();
    private int depth;

    Callees(ClassNode owner, List<MethodNode> originals) {
        this.owner = owner;
        for (MethodNode method : originals) {
            methods.put(method.name + method.desc, method);
        }
    }

    /**
     * Why passing a buffer as argument {@code slot} (0 = receiver of an instance call) to
     * {@code callee} may let it escape, said from inside the callee; null when the callee provably
     * does not keep it.
     */
    String escapeReason(MethodNode callee, int slot) {
        String[] reasons = summary(callee);
        if (reasons == null) {
            return "could not be summarised";
        }
        return slot < reasons.length ? reasons[slot] : "unknown argument";
    }

    /** The method this call runs, when it can only be this class's own method; else null. */
    MethodNode resolve(MethodInsnNode call) {
        if (!call.owner.equals(owner.name) || call.name.startsWith("<")) {
            return null;
        }
        MethodNode method = methods.get(call.name + call.desc);
        if (method == null || (method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                || method.instructions.size() == 0) {
            return null;
        }
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        return switch (call.getOpcode()) {
            case Opcodes.INVOKESTATIC -> isStatic ? method : null;
            case Opcodes.INVOKESPECIAL -> isStatic ? null : method;
            case Opcodes.INVOKEVIRTUAL -> !isStatic && ((method.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) != 0
                    || (owner.access & Opcodes.ACC_FINAL) != 0) ? method : null;
            default -> null;
        };
    }

    /** Per argument slot, the escape reason or null; null when the callee cannot be summarised. */
    private String[] summary(MethodNode callee) {
        String key = callee.name + callee.desc;
        String[] known = summaries.get(key);
        if (known != null) {
            return known;
        }
        if (inProgress.containsKey(key) || depth >= MAX_DEPTH) {
            return null;
        }
        inProgress.put(key, Boolean.TRUE);
        depth++;
        try {
            String[] reasons = analyse(callee);
            if (reasons != null) {
                summaries.put(key, reasons);
            }
            return reasons;
        } finally {
            depth--;
            inProgress.remove(key);
        }
    }

    private String[] analyse(MethodNode callee) {
        boolean isStatic = (callee.access & Opcodes.ACC_STATIC) != 0;
        Type[] arguments = Type.getArgumentTypes(callee.desc);
        int slots = arguments.length + (isStatic ? 0 : 1);
        if (slots > Long.SIZE || MethodScoper.tooLarge(callee) || MethodScoper.hasSubroutines(callee)) {
            return null;
        }
        String[] escapes = new String[slots];
        HeldInterpreter interpreter = new HeldInterpreter(Map.of(), escapes, new Lines(callee.instructions), this)
                .withParametersAsSites(arguments);
        try {
            new Analyzer<>(interpreter).analyze(owner.name, callee);
        } catch (AnalyzerException | RuntimeException e) {
            return null;
        }
        return escapes;
    }
}
