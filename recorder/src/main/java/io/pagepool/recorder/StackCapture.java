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
package io.pagepool.recorder;

import java.lang.StackWalker.StackFrame;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Captures the caller's stack as text for events that must carry a stack from another moment
 * (JFR events cannot carry a foreign stack trace): frames of the pool, of the agent and of the
 * recorder's own sampling classes are skipped, so the first line is the application's call site.
 * Lines look like a Java stack trace's ({@code \tat class.method(File.java:42)}), innermost first.
 */
final class StackCapture {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private StackCapture() {
    }

    static String capture(int depth) {
        return WALKER.walk(frames -> format(frames.dropWhile(StackCapture::isPagepoolInternal), depth));
    }

    private static String format(Stream<StackFrame> frames, int depth) {
        return frames.limit(depth).map(f -> "\tat " + f).collect(Collectors.joining("\n"));
    }

    private static boolean isPagepoolInternal(StackFrame frame) {
        String c = frame.getClassName();
        return c.startsWith("io.pagepool.pool.") || c.startsWith("io.pagepool.agent.")
                || c.equals(StackCapture.class.getName()) || c.equals(LeaseTable.class.getName())
                || c.equals(EventSampler.class.getName()) || c.equals(LeakDetector.class.getName());
    }
}
