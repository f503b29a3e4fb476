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

import io.pagepool.pool.CacheStats;
import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A live platform thread that runs workloads on a pool when told, so tests can step in between. */
final class Worker implements AutoCloseable {
    private final PagePool pool;
    private final ExecutorService thread;
    private final long threadId;
    private volatile Thread platformThread;

    Worker(PagePool pool, String name) throws Exception {
        this.pool = pool;
        this.thread = Executors.newSingleThreadExecutor(
                r -> platformThread = Thread.ofPlatform().name(name).unstarted(r));
        this.threadId = thread.submit(() -> Thread.currentThread().threadId()).get();
    }

    /** Runs {@code rounds} rounds of: allocate {@code pages} pages, then release them all; waits. */
    void rounds(int rounds, int pages) {
        run(() -> {
            Page[] held = new Page[pages];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < pages; i++) {
                    held[i] = pool.alloc();
                }
                for (int i = pages - 1; i >= 0; i--) {
                    held[i].release();
                }
            }
        });
    }

    /** Allocates {@code pages} pages and returns them (for another thread to release). */
    Page[] allocate(int pages) {
        Page[] out = new Page[pages];
        run(() -> {
            for (int i = 0; i < pages; i++) {
                out[i] = pool.alloc();
            }
        });
        return out;
    }

    /** Releases pages on this worker's thread. */
    void release(Page[] pages) {
        run(() -> {
            for (Page p : pages) {
                p.release();
            }
        });
    }

    void run(Runnable task) {
        try {
            thread.submit(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This worker's cache, as the pool reports it now. */
    CacheStats cache() {
        return pool.cacheStats().stream().filter(c -> c.threadId() == threadId).findFirst()
                .orElseThrow(() -> new AssertionError("no cache for thread " + threadId));
    }

    int capacity() {
        return cache().capacity();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker did not stop");
            }
            platformThread.join(); // ended: isAlive() is false, so its cache can be reclaimed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
