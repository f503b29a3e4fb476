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
package io.pagepool.report;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.recorder.PoolRecorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM to take a live snapshot of ({@link LiveSnapshotTest}): registers pool {@link #POOL}, prints
 * {@code READY} once it allocated, then keeps allocating and releasing (bursts of 64 pages) until
 * its stdin closes, at most a minute.
 */
public final class LiveApp {
    static final String POOL = "live";

    private LiveApp() {
    }

    /**
     * Runs until stdin closes.
     *
     * @param args none
     * @throws IOException never in practice
     */
    public static void main(String[] args) throws IOException {
        PagePool pool = PoolRecorder.register(PagePool.builder().name(POOL).maxMemoryBytes(64L << 20).build());
        Thread worker = Thread.ofPlatform().daemon().name("live-worker").start(() -> {
            List<Page> burst = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            boolean ready = false;
            while (System.nanoTime() - deadline < 0) {
                for (int i = 0; i < 64; i++) {
                    burst.add(pool.alloc());
                }
                burst.forEach(Page::release);
                burst.clear();
                if (!ready) {
                    ready = true;
                    System.out.println("READY");
                    System.out.flush();
                }
                Thread.onSpinWait();
            }
        });
        while (System.in.read() >= 0) {
            // until the test closes stdin
        }
        worker.interrupt();
        System.out.println("DONE " + pool.stats().allocPages());
    }
}
