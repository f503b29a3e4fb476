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
package example.attach;

/**
 * A target for attach: loads a class whose static initialiser throws (caught, as servers do
 * with optional probes) and a class with allocateDirect sites, prints "ready", then allocates
 * every few milliseconds until it is terminated.
 */
public final class ErrorStateTarget {
    private ErrorStateTarget() {
    }

    /**
     * Runs until terminated.
     *
     * @param args none
     * @throws InterruptedException never expected
     */
    public static void main(String[] args) throws InterruptedException {
        try {
            BrokenInit.touch();
        } catch (ExceptionInInitializerError e) {
            System.out.println("BrokenInit failed: " + e.getCause().getMessage());
        }
        long sum = Allocates.checksum(100);
        Allocates.keep(100);
        System.out.println("ready " + sum);
        System.out.flush();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            sum += Allocates.checksum(512);
            Allocates.keep(256);
            Thread.sleep(2);
        }
        System.out.println("done " + sum);
    }
}
