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
 * Two holders of a page that a third holder (the state) also holds release at once: both
 * compare-and-set decrements count, from 3 to 1, and neither recycles the page. (Read after a
 * recycle, the count would belong to the page's next lease: the pool hands the same page object
 * out again, so the last reference stays with the state until the arbiter has read the count.)
 * Result: (A threw, B threw, refcount afterwards).
 */
@JCStressTest
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "both references dropped; the third holder's is left")
@Outcome(id = "0, 0, 2", expect = FORBIDDEN, desc = "a decrement lost: the page leaks")
@Outcome(id = "0, 0, 0", expect = FORBIDDEN, desc = "a decrement counted twice: the page recycles under a holder")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "a legitimate release of a shared page threw")
@Outcome(id = "0, 1, .*", expect = FORBIDDEN, desc = "a legitimate release of a shared page threw")
@Outcome(expect = FORBIDDEN, desc = "the refcount went wrong")
@State
public class PageSharedReleaseTest {
    private final Page page = StressPools.SHARED.alloc().retain().retain();

    /** Holder A's release. */
    @Actor
    public void holderA(III_Result r) {
        r.r1 = Releases.threw(page);
    }

    /** Holder B's release. */
    @Actor
    public void holderB(III_Result r) {
        r.r2 = Releases.threw(page);
    }

    /** Reads the count, then drops the state's reference if it is the last one. */
    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = page.refCount();
        if (r.r3 == 1) {
            page.release();
        }
    }
}
