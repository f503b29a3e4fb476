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
package io.pagepool.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects a pool's one-line warnings (the builder's {@code warnings} sink); safe from any thread. */
final class Warnings implements Consumer<String> {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    /** A snapshot of the lines received so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain {@code text}. */
    List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
