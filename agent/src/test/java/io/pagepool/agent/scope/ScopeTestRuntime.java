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

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The runtime the corpus is rewritten against in tests: every buffer lives in its own shared
 * {@link Arena}, and {@link #releaseScoped} closes it, so touching a released buffer (or any view
 * of it) throws {@link IllegalStateException}. Counts everything the checks need.
 */
public final class ScopeTestRuntime {

    public static final String INTERNAL_NAME = "io/pagepool/agent/scope/ScopeTestRuntime";

    private static final Map<ByteBuffer, Arena> SCOPED = new IdentityHashMap<>();
    private static final Map<ByteBuffer, Arena> TRACKED = new IdentityHashMap<>();
    private static final Map<ByteBuffer, Boolean> RELEASED = new IdentityHashMap<>();

    static int scopedAllocations;
    static int trackedAllocations;
    static int releases;
    static int nullReleases;
    static int doubleReleases;
    static int unknownReleases;
    static int trackedReleases;

    private ScopeTestRuntime() {
    }

    public static synchronized ByteBuffer allocateScoped(int capacity) {
        Arena arena = Arena.ofShared();
        ByteBuffer buffer = arena.allocate(capacity).asByteBuffer();
        SCOPED.put(buffer, arena);
        scopedAllocations++;
        return buffer;
    }

    public static synchronized ByteBuffer allocateDirect(int capacity) {
        ByteBuffer buffer = Arena.ofAuto().allocate(capacity).asByteBuffer();
        TRACKED.put(buffer, Arena.global());
        trackedAllocations++;
        return buffer;
    }

    public static synchronized void releaseScoped(ByteBuffer buffer) {
        if (buffer == null) {
            nullReleases++;
            return;
        }
        if (RELEASED.containsKey(buffer)) {
            doubleReleases++;
            return;
        }
        if (TRACKED.containsKey(buffer)) {
            trackedReleases++;
            return;
        }
        Arena arena = SCOPED.remove(buffer);
        if (arena == null) {
            unknownReleases++;
            return;
        }
        RELEASED.put(buffer, Boolean.TRUE);
        releases++;
        arena.close();
    }

    /** Scoped buffers handed out and not released yet. */
    static synchronized int outstanding() {
        return SCOPED.size();
    }

    static synchronized void reset() {
        SCOPED.values().forEach(Arena::close);
        SCOPED.clear();
        TRACKED.clear();
        RELEASED.clear();
        scopedAllocations = 0;
        trackedAllocations = 0;
        releases = 0;
        nullReleases = 0;
        doubleReleases = 0;
        unknownReleases = 0;
        trackedReleases = 0;
    }
}
