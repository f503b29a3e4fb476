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
package io.pagepool.report;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

/**
 * One frame of an allocation stack: class (binary name), method name, JVM descriptor and line
 * (-1 unknown).
 */
record StackFrame(String className, String methodName, String descriptor, int line) {
    /** Packages (and the one class) of pagepool itself, whose frames sit above every allocating frame. */
    private static final String[] OWN = {"io.pagepool.pool.", "io.pagepool.recorder.", "io.pagepool.agent.",
        "io.pagepool.tuner.", "io.pagepool.PagePools"};

    static StackFrame of(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        String cls = m == null || m.getType() == null ? "unknown" : m.getType().getName();
        return new StackFrame(cls, m == null ? "unknown" : m.getName(), m == null ? "" : m.getDescriptor(),
                f.getLineNumber());
    }

    /** True for a frame of pagepool's own code (the pool, recorder, agent, tuner), trimmed off stacks. */
    boolean own() {
        for (String p : OWN) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code io.pagepool.samples.SimNic.receiveAndTransmit}: a frame of collapsed stacks and of the flame graph. */
    String qualified() {
        return className + "." + methodName;
    }

    /** {@code SimNic.receiveAndTransmit}: the label of the flame graph. */
    String label() {
        return JavaNotation.simpleName(className) + "." + methodName;
    }

    /** {@code SimNic.receiveAndTransmit(int, long, TxRing) line 105}. */
    String java() {
        return JavaNotation.simpleName(className) + "." + JavaNotation.method(methodName, descriptor)
                + (line >= 0 ? " line " + line : "");
    }

    /** The key that joins a frame to its {@code io.pagepool.ScopeVerdict} call site. */
    String siteKey() {
        return CallSites.key(className, methodName + descriptor, line);
    }
}
