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
package io.pagepool.samples;

import java.nio.ByteBuffer;

/**
 * Start-up probe: one {@code ByteBuffer.allocateDirect(2048)}, written to and read back, then
 * exit. Under the agent it measures the start of the rewriting at the first class that calls
 * {@code allocateDirect} ({@code ./pagepool bench startup}).
 */
public final class OneBuffer {
    private OneBuffer() {
    }

    /**
     * Allocates one direct buffer and prints {@code OneBuffer capacity=2048 ok=true}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        buffer.putLong(0, 0x5EED_F00DL);
        System.out.println("OneBuffer capacity=" + buffer.capacity() + " ok=" + (buffer.getLong(0) == 0x5EED_F00DL));
    }
}
