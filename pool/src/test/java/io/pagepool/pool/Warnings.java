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
