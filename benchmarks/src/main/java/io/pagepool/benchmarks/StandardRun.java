package io.pagepool.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings the suite's benchmarks share, inherited by extending this class (JMH reads
 * these annotations from superclasses): average time in ns per op, 5 x 1 s warm-up and
 * measurement, one fork with native access and a fixed heap ({@link JvmFlags}). A benchmark
 * that needs other settings annotates itself; its annotations win.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.NATIVE_ACCESS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX})
public abstract class StandardRun {
    /** For subclasses. */
    protected StandardRun() {
    }
}
