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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * One producer and one consumer on a {@link RecycleRing} holding page 1, the producer's page 2
 * wrapping around to slot 0: the consumer takes 1, or 1 then 2, and the arbiter drains the rest.
 * Result: (pages the consumer took, every page taken in order as decimal digits).
 */
@JCStressTest
@Outcome(id = "1, 12", expect = ACCEPTABLE, desc = "the consumer took page 1; page 2 was left for the arbiter")
@Outcome(id = "2, 12", expect = ACCEPTABLE, desc = "the consumer took pages 1 and 2, in order")
@Outcome(expect = FORBIDDEN, desc = "a page lost, taken twice, read before it was written, or out of order")
@State
public class RecycleRingProduceConsumeTest {
    private final RecycleRing ring = new RecycleRing(2, 2);
    private final int[] page2 = {2};
    private final int[] taken = new int[4];

    /** Moves the ring's positions to 1 (so the producer wraps) and puts page 1 in. */
    public RecycleRingProduceConsumeTest() {
        int[] one = {9};
        ring.produce(one, 0, 1);
        ring.consume(one, 0, 1);
        ring.produce(new int[] {1}, 0, 1);
    }

    /** Puts page 2 in (always fits: capacity 2, one page in). */
    @Actor
    public void producer() {
        ring.produce(page2, 0, 1);
    }

    /** Takes up to two pages. */
    @Actor
    public void consumer(II_Result r) {
        r.r1 = ring.consume(taken, 0, 2);
    }

    /** Drains what is left and spells out every page taken. */
    @Arbiter
    public void arbiter(II_Result r) {
        int n = r.r1 + ring.consume(taken, r.r1, taken.length - r.r1);
        r.r2 = Digits.of(taken, n);
    }
}
