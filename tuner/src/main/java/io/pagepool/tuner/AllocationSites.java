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
package io.pagepool.tuner;

/**
 * The allocation sites whose mode the tuner decides: pooled, or served by the JDK's own
 * {@code allocateDirect}. Implemented by the agent (the tuner does not depend on it); ids run from
 * 0 to {@link #count()} - 1 and never change. Called from the tuner thread only.
 */
public interface AllocationSites {

    /** Brings the figures up to date before a step (the agent returns the pages of unreachable buffers). */
    default void refresh() {
    }

    /** Sites known so far. */
    int count();

    /** Site {@code id}'s figures and mode now. */
    SiteSample sample(int id);

    /**
     * Sets site {@code id} to pooled or to the JDK, and records the decision with {@code reason}
     * (the agent: a JFR event and a debug line); returns false when the site is pinned or already
     * there. Buffers already out keep their lease and come back by their own path.
     */
    boolean decide(int id, boolean pooled, String reason);
}
