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
package io.pagepool.itapp;

import io.pagepool.PagePools;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An application for the agent's forked tests: what a rewritten site allocates on the heap per
 * call once the JIT has compiled it. {@code scoped} runs a site the analysis proves scoped;
 * {@code tracked} a site whose buffer is returned (so reachability-tracked) and released through
 * {@code PagePools.release}. Prints one line per measured round, then
 * {@code RESULT mode=… minBytesPerRound=… opsPerRound=…}.
 */
public final class SteadyStateMain {
    private static final int BYTES = 2048;

    private SteadyStateMain() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        int opsPerRound = Integer.parseInt(args[1]);
        int warmUpRounds = Integer.parseInt(args[2]);
        int measuredRounds = Integer.parseInt(args[3]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        long[] bytes = new long[measuredRounds];
        for (int round = 0; round < warmUpRounds + measuredRounds; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            sum += mode.equals("scoped") ? scopedRound(opsPerRound) : trackedRound(opsPerRound);
            long after = threads.getCurrentThreadAllocatedBytes();
            if (round >= warmUpRounds) {
                bytes[round - warmUpRounds] = after - before;
            }
        }
        System.out.println("rounds " + Arrays.toString(bytes) + " checksum " + sum);
        System.out.println("RESULT mode=" + mode + " minBytesPerRound=" + Arrays.stream(bytes).min().orElseThrow()
                + " opsPerRound=" + opsPerRound);
    }

    private static long scopedRound(int ops) {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            sum += scoped(i);
        }
        return sum;
    }

    /** A scoped site: the buffer dies in this method. */
    private static long scoped(long i) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BYTES);
        buffer.putLong(0, i);
        buffer.putLong(BYTES - 8, i);
        return buffer.getLong(0) + buffer.getLong(BYTES - 8);
    }

    private static long trackedRound(int ops) {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            ByteBuffer buffer = tracked(i);
            sum += buffer.getLong(0);
            PagePools.release(buffer);
        }
        return sum;
    }

    /** A tracked site: the buffer is returned, so it escapes. */
    private static ByteBuffer tracked(long i) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BYTES);
        buffer.putLong(0, i);
        return buffer;
    }
}
