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

import java.nio.ByteBuffer;

/**
 * An application for the agent's forked tests, outside the packages the agent leaves alone: it
 * allocates N direct buffers one after the other, each dead after one use, then returns from main.
 */
public final class DirectBuffersMain {
    private DirectBuffersMain() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += use(i);
        }
        System.out.println("RESULT buffers=" + n + " sum=" + sum);
    }

    private static long use(long i) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        buffer.putLong(0, i);
        return buffer.getLong(0);
    }
}
