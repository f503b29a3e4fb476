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
package io.pagepool.agent.runtime;

/**
 * Which {@link SiteCounters} figure each {@link ReleasePath} credits. Built from the paths' names
 * once, so release paths added later ({@code CLEANER}, {@code RECIPE}) map without a change here;
 * an ignored release credits nothing (-1).
 */
final class ReleaseFigures {
    private static final int[] BY_ORDINAL = new int[ReleasePath.values().length];

    static {
        for (ReleasePath path : ReleasePath.values()) {
            BY_ORDINAL[path.ordinal()] = switch (path.name()) {
                case "SCOPED" -> SiteCounters.RETURNED_SCOPED;
                case "METHOD", "RECIPE" -> SiteCounters.RETURNED_METHOD;
                case "CLEANER" -> SiteCounters.RETURNED_CLEANER;
                case "API" -> SiteCounters.RETURNED_API;
                case "REACHABILITY" -> SiteCounters.RETURNED_REACHABILITY;
                default -> -1;
            };
        }
    }

    private ReleaseFigures() {
    }

    /** The figure {@code path} credits, or -1 for none. */
    static int figure(ReleasePath path) {
        return BY_ORDINAL[path.ordinal()];
    }
}
