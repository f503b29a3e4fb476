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
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two holders of one page (refcount 2): A retains it for a third holder while B releases its own
 * reference. Whatever the order, the page stays held with count 2 and nothing recycles. Result:
 * (A's retain threw, B's release threw, refcount afterwards).
 */
@JCStressTest
@Outcome(id = "0, 0, 2", expect = ACCEPTABLE, desc = "retain and release both counted")
@Outcome(id = "0, 0, 1", expect = FORBIDDEN, desc = "the retain was lost: the page recycles under its new holder")
@Outcome(id = "0, 0, 3", expect = FORBIDDEN, desc = "the release was lost: the page leaks")
@Outcome(expect = FORBIDDEN, desc = "a legitimate retain or release threw, or the count went wrong")
@State
public class PageRetainReleaseTest {
    private final Page page = StressPools.SHARED.alloc().retain();

    /** Holder A adds a reference. */
    @Actor
    public void retainer(III_Result r) {
        r.r1 = Releases.retainThrew(page);
    }

    /** Holder B drops its own. */
    @Actor
    public void releaser(III_Result r) {
        r.r2 = Releases.threw(page);
    }

    /** Reads the count, then drops the two references left. */
    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = page.refCount();
        if (r.r3 == 2) {
            page.release();
            page.release();
        }
    }
}
