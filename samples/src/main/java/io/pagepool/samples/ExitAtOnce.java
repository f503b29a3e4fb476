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

/**
 * Start-up probe: prints one line and exits. Its class file never names {@code allocateDirect},
 * so under the agent it measures what the agent costs an application that never uses it
 * ({@code ./pagepool bench startup}).
 */
public final class ExitAtOnce {
    private ExitAtOnce() {
    }

    /**
     * Prints {@code ExitAtOnce} and returns.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("ExitAtOnce");
    }
}
