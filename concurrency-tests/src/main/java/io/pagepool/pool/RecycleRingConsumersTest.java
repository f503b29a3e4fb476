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
 * Two consumers each take up to two pages, in bulk, from a {@link RecycleRing} holding pages 1, 2
 * and 3: whoever claims first gets 1 and 2, the other gets 3; no page twice, none lost. Result:
 * (A's pages, B's pages, pages left; each as decimal digits in order).
 */
@JCStressTest
@Outcome(id = "12, 3, 0", expect = ACCEPTABLE, desc = "A claimed first")
@Outcome(id = "3, 12, 0", expect = ACCEPTABLE, desc = "B claimed first")
@Outcome(expect = FORBIDDEN, desc = "a page handed to both consumers, lost, left behind or reordered")
@State
public class RecycleRingConsumersTest {
    private final RecycleRing ring = new RecycleRing(4, 4);
    private final int[] takenA = new int[2];
    private final int[] takenB = new int[2];

    /** Puts pages 1, 2 and 3 in. */
    public RecycleRingConsumersTest() {
        ring.produce(new int[] {1, 2, 3}, 0, 3);
    }

    /** Takes up to two pages. */
    @Actor
    public void consumerA(III_Result r) {
        r.r1 = Digits.of(takenA, ring.consume(takenA, 0, 2));
    }

    /** Takes up to two pages. */
    @Actor
    public void consumerB(III_Result r) {
        r.r2 = Digits.of(takenB, ring.consume(takenB, 0, 2));
    }

    /** Drains what is left. */
    @Arbiter
    public void arbiter(III_Result r) {
        int[] rest = new int[4];
        r.r3 = Digits.of(rest, ring.consume(rest, 0, rest.length));
    }
}
