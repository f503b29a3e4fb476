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
package io.pagepool.benchmarks.tuner;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The evaluation's workload phases, run in this order on one pool. Each phase starts its own
 * platform threads and lets them end, like a thread pool that resizes; a "round" allocates a
 * batch of pages, writes a byte into each, and releases them.
 */
enum Phase {
    /** One thread: 160 pages per round, a round every 200 µs (800k pages/s). */
    STEADY("steady 1 thread") {
        @Override
        void run(PagePool pool, long nanos) throws InterruptedException {
            join(List.of(start("steady", () -> rounds(pool, nanos, 160, 200_000, 0, 0))));
        }
    },
    /** One thread: 32 pages per 200 µs round, and for 50 ms in every 250 ms 320 pages per round (10x). */
    BURSTS("bursts 10x") {
        @Override
        void run(PagePool pool, long nanos) throws InterruptedException {
            join(List.of(start("bursty", () -> rounds(pool, nanos, 32, 200_000, 320, 250_000_000L))));
        }
    },
    /** 2 threads, then 16, then 2 (the 14 extra ones end): 64 pages per 1 ms round each. */
    SCALE("2 -> 16 -> 2 threads") {
        @Override
        void run(PagePool pool, long nanos) throws InterruptedException {
            long third = nanos / 3;
            List<Thread> core = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                core.add(start("core-" + i, () -> rounds(pool, nanos, 64, 1_000_000, 0, 0)));
            }
            sleep(third);
            List<Thread> extra = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                extra.add(start("extra-" + i, () -> rounds(pool, third, 64, 1_000_000, 0, 0)));
            }
            join(extra);
            join(core);
        }
    },
    /** A producer allocates 64 pages per 200 µs round and hands them to a consumer that releases them. */
    PRODUCER_CONSUMER("producer/consumer") {
        @Override
        void run(PagePool pool, long nanos) throws InterruptedException {
            BlockingQueue<Page[]> queue = new ArrayBlockingQueue<>(64);
            Page[] end = new Page[0];
            Thread consumer = start("consumer", () -> {
                try {
                    for (Page[] batch; (batch = queue.take()) != end; ) {
                        for (Page p : batch) {
                            p.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread producer = start("producer", () -> {
                long deadline = System.nanoTime() + nanos;
                long next = System.nanoTime();
                try {
                    while (System.nanoTime() < deadline) {
                        Page[] batch = new Page[64];
                        for (int i = 0; i < batch.length; i++) {
                            batch[i] = pool.alloc();
                            batch[i].buffer().put(0, (byte) i);
                        }
                        queue.put(batch);
                        next = pace(next, 200_000);
                    }
                    queue.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            join(List.of(producer, consumer));
        }
    },
    /** Nothing allocates: the threads of the phases before have ended. */
    IDLE("idle") {
        @Override
        void run(PagePool pool, long nanos) throws InterruptedException {
            sleep(nanos);
        }
    };

    final String label;

    Phase(String label) {
        this.label = label;
    }

    /** Runs the phase on {@code pool} for about {@code nanos}; returns when its threads have ended. */
    abstract void run(PagePool pool, long nanos) throws InterruptedException;

    /**
     * Rounds of {@code pages} pages every {@code periodNanos}; when {@code burstEveryNanos} is set, the
     * first fifth of each such period uses {@code burstPages}.
     */
    static void rounds(PagePool pool, long nanos, int pages, long periodNanos, int burstPages, long burstEveryNanos) {
        Page[] held = new Page[Math.max(pages, burstPages)];
        long start = System.nanoTime();
        long deadline = start + nanos;
        long next = start;
        long now;
        while ((now = System.nanoTime()) < deadline) {
            int n = burstEveryNanos > 0 && (now - start) % burstEveryNanos < burstEveryNanos / 5 ? burstPages : pages;
            for (int i = 0; i < n; i++) {
                held[i] = pool.alloc();
                held[i].buffer().put(0, (byte) i);
            }
            for (int i = n - 1; i >= 0; i--) {
                held[i].release();
                held[i] = null;
            }
            next = pace(next, periodNanos);
        }
    }

    /** Waits until {@code next + period}; a thread that fell behind does not try to catch up. */
    static long pace(long next, long periodNanos) {
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
            return next;
        }
        return System.nanoTime();
    }

    static Thread start(String name, Runnable body) {
        return Thread.ofPlatform().name("eval-" + name).start(body);
    }

    static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    static void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
