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
 * Two producers race for the last free place of a {@link RecycleRing} (capacity 2, page 1 in):
 * exactly one of them gets it. Result: (pages producer A put in, pages producer B put in, every
 * page in the ring in order as decimal digits).
 */
@JCStressTest
@Outcome(id = "1, 0, 12", expect = ACCEPTABLE, desc = "A got the last place")
@Outcome(id = "0, 1, 13", expect = ACCEPTABLE, desc = "B got the last place")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both got in: the ring went over its capacity")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither got in although a place was free")
@Outcome(expect = FORBIDDEN, desc = "the ring lost, doubled or reordered a page")
@State
public class RecycleRingCapacityTest {
    private final RecycleRing ring = new RecycleRing(4, 2);
    private final int[] page2 = {2};
    private final int[] page3 = {3};

    /** Puts page 1 in. */
    public RecycleRingCapacityTest() {
        ring.produce(new int[] {1}, 0, 1);
    }

    /** Offers page 2. */
    @Actor
    public void producerA(III_Result r) {
        r.r1 = ring.produce(page2, 0, 1);
    }

    /** Offers page 3. */
    @Actor
    public void producerB(III_Result r) {
        r.r2 = ring.produce(page3, 0, 1);
    }

    /** Drains the ring. */
    @Arbiter
    public void arbiter(III_Result r) {
        int[] all = new int[4];
        r.r3 = Digits.of(all, ring.consume(all, 0, all.length));
    }
}
