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

import io.pagepool.samples.SimNic;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's mixed-size run ({@code ./pagepool demo}): the unmodified SimNic driver loop, one per
 * packet-buffer size, side by side in one JVM, so one agent pool serves every size at once. Each
 * loop's lines are prefixed with its size ({@code 1500: RESULT simnic ...}). Run as a source file:
 * {@code java -javaagent:pagepool-agent.jar -cp pagepool-samples.jar MixedSizes.java SECONDS SIZE...}.
 */
public final class MixedSizes {
    private MixedSizes() {
    }

    /**
     * Runs the loops.
     *
     * @param args seconds, then the buffer sizes in bytes
     * @throws Exception if a loop cannot be joined
     */
    public static void main(String[] args) throws Exception {
        String seconds = args[0];
        PrintStream console = System.out;
        System.setOut(new PrintStream(console, true) {
            @Override
            public void println(String line) {
                console.println(Thread.currentThread().getName() + ": " + line);
            }
        });
        List<Thread> loops = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] argv = {"--mode", "drop", "--size", args[i], "--duration", seconds};
            loops.add(Thread.ofPlatform().name(args[i]).start(() -> {
                try {
                    SimNic.main(argv);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread loop : loops) {
            loop.join();
        }
    }
}
