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

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A tuner's controller thread ({@code pagepool-tuner}, a daemon): runs a step every interval, on
 * a fixed schedule that does not catch up after a long pause, until closed or until its pool is.
 * Threading: {@link #start} and {@link #close} from any thread; the step runs on this thread only.
 */
final class StepThread {
    private final Thread thread;
    private volatile boolean running;

    /**
     * @param step     one control step
     * @param interval time between steps
     * @param finished true once the pool (or group) is closed: the thread ends
     */
    StepThread(Runnable step, Duration interval, BooleanSupplier finished) {
        long intervalNanos = interval.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("pagepool-tuner").unstarted(() -> {
            long next = System.nanoTime() + intervalNanos;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                next += intervalNanos;
                if (next - System.nanoTime() < 0) {
                    next = System.nanoTime() + intervalNanos; // fell behind (a long pause): do not catch up
                }
                if (finished.getAsBoolean()) {
                    return;
                }
                step.run();
            }
        });
    }

    /** Starts the thread (once). */
    void start() {
        running = true;
        thread.start();
    }

    /** Stops the thread and waits for it, unless called from it. Idempotent. */
    void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
