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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Where the application allocates: {@code io.pagepool.AllocationSample} events grouped by stack,
 * pagepool's own frames trimmed off the top, with their paths and size classes. At most
 * {@link #MAX_STACKS} stacks are kept (the rest counted as other stacks, so that counts still add
 * up to the samples), and per allocating frame at most {@link #MAX_FRAMES} counts for the call-site
 * table. Not thread-safe.
 */
final class AllocationSites {
    static final int MAX_STACKS = 2048;
    static final int MAX_FRAMES = 4096;
    /** The paths of an allocation sample, in the order of the {@code byPath} arrays; then "other". */
    static final List<String> PATHS = List.of("fast", "refill", "slow", "waive");

    /** The samples of one stack. */
    static final class Stack {
        /** Innermost (allocating) frame first, pagepool's own frames trimmed. */
        final List<StackFrame> frames;
        final long[] byPath = new long[PATHS.size() + 1];
        /** Samples by size class (the page size that served them; 0 unknown). */
        final Map<Long, Long> bySizeClass = new TreeMap<>();
        long samples;
        boolean truncated;

        Stack(List<StackFrame> frames) {
            this.frames = frames;
        }

        /** The allocating frame, or null for an empty stack. */
        StackFrame top() {
            return frames.isEmpty() ? null : frames.getFirst();
        }
    }

    private final Map<List<StackFrame>, Stack> stacks = new HashMap<>();
    /** Samples by allocating frame ({@link StackFrame#siteKey()}), by path. */
    private final Map<String, long[]> byFrame = new HashMap<>();
    final long[] byPath = new long[PATHS.size() + 1];
    long samples;
    long withoutStack;
    long otherStacks;

    static int pathIndex(String path) {
        int i = path == null ? -1 : PATHS.indexOf(path);
        return i < 0 ? PATHS.size() : i;
    }

    /**
     * Takes one {@code io.pagepool.AllocationSample}.
     *
     * @param poolPageSize the page size of the event's pool as known so far (0 unknown), for an
     *        event without a {@code pageSize} field
     */
    void onSample(RecordedEvent e, long poolPageSize) {
        int path = pathIndex(Ev.stringField(e, "path"));
        long pageSize = Ev.longField(e, "pageSize");
        long sizeClass = pageSize > 0 ? pageSize : poolPageSize;
        samples++;
        byPath[path]++;
        RecordedStackTrace trace = e.getStackTrace();
        if (trace == null || trace.getFrames().isEmpty()) {
            withoutStack++;
            return;
        }
        List<StackFrame> frames = trimmed(trace.getFrames());
        Stack s = stack(frames);
        if (s == null) {
            otherStacks++;
        } else {
            s.samples++;
            s.byPath[path]++;
            s.bySizeClass.merge(sizeClass, 1L, Long::sum);
            s.truncated |= trace.isTruncated();
        }
        if (!frames.isEmpty()) {
            long[] f = frame(frames.getFirst().siteKey());
            if (f != null) {
                f[path]++;
            }
        }
    }

    /** The frames, innermost first, without pagepool's own frames on top (all of them when nothing else is left). */
    static List<StackFrame> trimmed(List<RecordedFrame> recorded) {
        List<StackFrame> all = new ArrayList<>(recorded.size());
        for (RecordedFrame f : recorded) {
            all.add(StackFrame.of(f));
        }
        int first = 0;
        while (first < all.size() && all.get(first).own()) {
            first++;
        }
        return List.copyOf(first == all.size() ? all : all.subList(first, all.size()));
    }

    private Stack stack(List<StackFrame> frames) {
        Stack s = stacks.get(frames);
        if (s == null && stacks.size() < MAX_STACKS) {
            s = new Stack(frames);
            stacks.put(frames, s);
        }
        return s;
    }

    private long[] frame(String key) {
        long[] f = byFrame.get(key);
        if (f == null && byFrame.size() < MAX_FRAMES) {
            f = new long[PATHS.size() + 1];
            byFrame.put(key, f);
        }
        return f;
    }

    /** Samples whose allocating frame is the call site {@code siteKey}, by path; null when none. */
    long[] samplesAt(String siteKey) {
        return byFrame.get(siteKey);
    }

    /** The stacks, most samples first. */
    List<Stack> stacks() {
        List<Stack> out = new ArrayList<>(stacks.values());
        out.sort(Comparator.comparingLong((Stack s) -> -s.samples)
                .thenComparing(s -> s.frames.isEmpty() ? "" : s.frames.getFirst().java()));
        return out;
    }

    /** Adds another recording's samples (the combined view). */
    void merge(AllocationSites o) {
        samples += o.samples;
        withoutStack += o.withoutStack;
        otherStacks += o.otherStacks;
        add(byPath, o.byPath);
        for (Stack os : o.stacks.values()) {
            Stack s = stack(os.frames);
            if (s == null) {
                otherStacks += os.samples;
                continue;
            }
            s.samples += os.samples;
            add(s.byPath, os.byPath);
            os.bySizeClass.forEach((k, v) -> s.bySizeClass.merge(k, v, Long::sum));
            s.truncated |= os.truncated;
        }
        o.byFrame.forEach((k, v) -> {
            long[] f = frame(k);
            if (f != null) {
                add(f, v);
            }
        });
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /** Path name to count, the paths with samples only ("other" for a path this version does not know). */
    static Map<String, Long> pathCounts(long[] byPath) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < byPath.length; i++) {
            if (byPath[i] > 0) {
                m.put(i < PATHS.size() ? PATHS.get(i) : "other", byPath[i]);
            }
        }
        return m;
    }
}
