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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.PagePool;
import io.pagepool.testkit.LineLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The controller thread: named, daemon, stopped and joined by close; options validated. */
class TunerLifecycleTest {

    @Test
    void shouldRunADaemonThreadNamedPagepoolTunerUntilClosed() throws Exception {
        LineLog log = new LineLog();
        try (PagePool pool = Pools.small().cacheCapacity(32).refillBatch(16).build();
             Worker w = new Worker(pool, "app")) {
            Tuner tuner = Tuner.start(pool, Pools.quick(log).toBuilder().interval(Duration.ofMillis(5)).build());
            Thread thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("pagepool-tuner")).findFirst().orElseThrow();
            assertTrue(thread.isDaemon());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (tuner.decisions() == 0 && System.nanoTime() < deadline) {
                w.rounds(10, 100);
            }
            assertTrue(tuner.decisions() > 0, "it stepped on its own");
            tuner.close();
            assertFalse(thread.isAlive(), "close joins the thread");
            int after = tuner.decisions();
            w.rounds(50, 100);
            Thread.sleep(20);
            assertTrue(tuner.decisions() == after, "no step after close");
            tuner.close(); // idempotent
        }
    }

    @Test
    void shouldRejectBadOptionsNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TunerOptions.builder().interval(Duration.ZERO).build());
        assertTrue(e.getMessage().contains("interval"));
        e = assertThrows(IllegalArgumentException.class, () -> TunerOptions.builder().budgetFraction(1.5).build());
        assertTrue(e.getMessage().contains("budgetFraction"));
        e = assertThrows(IllegalArgumentException.class,
                () -> TunerOptions.builder().cacheCapacityRange(64, 32).build());
        assertTrue(e.getMessage().contains("maxCacheCapacity"));
    }

    @Test
    void shouldStopSteppingOnAClosedPool() {
        LineLog log = new LineLog();
        PagePool pool = Pools.small().build();
        Tuner tuner = Tuner.manual(pool, Pools.quick(log));
        pool.close();
        tuner.step();
        assertTrue(tuner.decisions() == 0);
    }
}
