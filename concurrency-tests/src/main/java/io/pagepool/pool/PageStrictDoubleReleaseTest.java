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

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The application bug of issue 13: a page's only holder releases it twice at once, from two
 * threads. A strict pool ({@code PagePoolBuilder.strict(true)}) must let exactly one release
 * recycle the page and make the other throw. The default pool keeps the kernel's unguarded fast
 * path (a plain store at refcount 1), where both may recycle, so it is not run here: until the
 * pool has a strict mode, every state reports "-1, -1". Result: (A threw, B threw). (The count
 * is not read afterwards: a recycled page may already be handed out to another state.)
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "A recycled the page, B's release threw")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "B recycled the page, A's release threw")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "both releases recycled the page: two holders next")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both releases threw: the page leaks")
@Outcome(id = "-1, -1", expect = ACCEPTABLE_INTERESTING, desc = "not run: this pool has no strict mode")
@Outcome(expect = FORBIDDEN, desc = "a release neither returned nor threw IllegalStateException")
@State
public class PageStrictDoubleReleaseTest {
    private final Page page = StressPools.STRICT == null ? null : StressPools.STRICT.alloc();

    /** Release A. */
    @Actor
    public void releaseA(II_Result r) {
        r.r1 = page == null ? -1 : Releases.threw(page);
    }

    /** Release B of the same reference. */
    @Actor
    public void releaseB(II_Result r) {
        r.r2 = page == null ? -1 : Releases.threw(page);
    }
}
