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
package io.pagepool.pool;

import java.util.List;

/**
 * The result of {@link PagePool#audit()}: where free pages were found twice or in a wrong state,
 * and how many duplicate returns the slabs caught and dropped so far.
 *
 * @param freePagesSeen free pages found in thread caches, the recycle ring and slab free lists
 * @param duplicatePages pages found free in more than one place (a racing double release that
 *        both releases survived, not yet caught by a slab)
 * @param doubleReturnsDropped pages returned to a slab that already had them free (or that were
 *        held again): caught and dropped since the pool started; each is one double release
 * @param problems one line per problem found, naming the page; empty when consistent
 */
public record PoolAudit(long freePagesSeen, long duplicatePages, long doubleReturnsDropped, List<String> problems) {
    /** Copies {@code problems}. */
    public PoolAudit {
        problems = List.copyOf(problems);
    }

    /** True when no free page was found twice or with a reference count other than 0. */
    public boolean isConsistent() {
        return problems.isEmpty();
    }
}
