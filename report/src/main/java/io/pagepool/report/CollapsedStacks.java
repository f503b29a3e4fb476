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

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format collapsed}: the allocation samples as collapsed stacks, one line per distinct
 * stack, {@code frame;frame;frame count}, the root first and the allocating method last, frames
 * as {@code package.Class.method} (pagepool's own frames trimmed). It is the format of Brendan
 * Gregg's {@code flamegraph.pl} and async-profiler's {@code collapsed} output, which speedscope
 * and async-profiler's converter read. Every sample is counted once, so the counts add up to the
 * samples: those without a stack trace under {@value #NO_STACK}, those of stacks beyond
 * {@link AllocationSites#MAX_STACKS} under {@value #OTHER_STACKS}.
 */
final class CollapsedStacks {
    static final String NO_STACK = "[no stack trace]";
    static final String OTHER_STACKS = "[other stacks]";

    private CollapsedStacks() {
    }

    /** The lines of {@code sites}, sorted (as flamegraph.pl sorts them); empty when there are no samples. */
    static String render(AllocationSites sites) {
        Map<String, Long> lines = new TreeMap<>();
        for (AllocationSites.Stack s : sites.stacks()) {
            lines.merge(line(s.frames), s.samples, Long::sum);
        }
        if (sites.otherStacks > 0) {
            lines.merge(OTHER_STACKS, sites.otherStacks, Long::sum);
        }
        if (sites.withoutStack > 0) {
            lines.merge(NO_STACK, sites.withoutStack, Long::sum);
        }
        StringBuilder b = new StringBuilder();
        lines.forEach((stack, count) -> b.append(stack).append(' ').append(count).append('\n'));
        return b.toString();
    }

    /** The frames (innermost first) root first, {@code ;}-separated; a blank or {@code ;} in a name turns {@code _}. */
    static String line(List<StackFrame> frames) {
        StringBuilder b = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(frames.get(i).qualified().replaceAll("[\\s;]", "_"));
        }
        return b.isEmpty() ? NO_STACK : b.toString();
    }
}
