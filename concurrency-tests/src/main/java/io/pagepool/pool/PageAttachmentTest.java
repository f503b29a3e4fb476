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
 * Two releasers race to end one lease, the way the agent's scoped release and its
 * unreachable-buffer cleaner do: each detaches the lease with
 * {@link Page#compareAndSetAttachment} and only the winner releases the page. Exactly one wins,
 * so the lease's reference is released exactly once (the state keeps a second reference until the
 * arbiter has read the count, so the page cannot recycle and be handed out again meanwhile).
 * Result: (A won, B won, refcount afterwards).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "A ended the lease and released its reference")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "B ended the lease and released its reference")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both won the lease: the page is released twice")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "nobody won the lease: the page leaks")
@Outcome(expect = FORBIDDEN, desc = "the winner's release was not counted exactly once")
@State
public class PageAttachmentTest {
    private final Page page = StressPools.SHARED.alloc().retain();
    private final Object lease = new Object();

    /** Attaches the lease to the freshly handed-out page. */
    public PageAttachmentTest() {
        page.attach(lease);
    }

    /** Releaser A. */
    @Actor
    public void releaserA(III_Result r) {
        r.r1 = endLease();
    }

    /** Releaser B. */
    @Actor
    public void releaserB(III_Result r) {
        r.r2 = endLease();
    }

    private int endLease() {
        if (page.compareAndSetAttachment(lease, null)) {
            page.release();
            return 1;
        }
        return 0;
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
