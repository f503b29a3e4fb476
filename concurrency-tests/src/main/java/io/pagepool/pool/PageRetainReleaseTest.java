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
