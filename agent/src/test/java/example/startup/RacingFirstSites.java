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
package example.startup;

import io.pagepool.PagePools;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Under {@code -javaagent}: this class never calls {@code allocateDirect}, so the agent's
 * rewriting is not started when it runs; eight threads then load eight classes that do, at the
 * same moment, while the first of them starts the rewriting. Prints {@code pooled=N/8}: each
 * class's first buffer came from the pool, so no class loaded while the rewriting started was
 * let through unrewritten.
 */
public final class RacingFirstSites {
    private RacingFirstSites() {
    }

    public static void main(String[] args) throws Exception {
        int classes = 8;
        CyclicBarrier start = new CyclicBarrier(classes);
        AtomicInteger pooled = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            int site = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    ByteBuffer b = allocate(site, 256); // loads the site's class: its first call
                    b.putInt(0, 42);
                    if (b.getInt(0) == 42 && PagePools.isPooled(b)) {
                        pooled.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("RESULT racing pooled=" + pooled.get() + "/" + classes);
    }

    /** Class {@code S<site>}'s allocation: resolved, so its class loaded, when first run. */
    private static ByteBuffer allocate(int site, int size) {
        return switch (site) {
            case 0 -> S0.allocate(size);
            case 1 -> S1.allocate(size);
            case 2 -> S2.allocate(size);
            case 3 -> S3.allocate(size);
            case 4 -> S4.allocate(size);
            case 5 -> S5.allocate(size);
            case 6 -> S6.allocate(size);
            default -> S7.allocate(size);
        };
    }

    // eight classes, each loaded by its thread's first call; each keeps its buffer in a field
    // (reachability-tracked, so still pooled when main looks)
    static final class S0 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S1 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S2 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S3 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S4 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S5 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S6 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }

    static final class S7 {
        static ByteBuffer last;

        static ByteBuffer allocate(int size) {
            return last = ByteBuffer.allocateDirect(size);
        }
    }
}
