/**
 * JMH benchmarks, each beside a baseline measured in the same run, except ContendedReturn, which
 * is compared with the Linux kernel's published ptr_ring figures; {@code ./pagepool bench} runs
 * them and {@link io.pagepool.benchmarks.ResultTable} prints the ratios. One op is one page
 * everywhere (batched benchmarks use {@code @OperationsPerInvocation}).
 */
package io.pagepool.benchmarks;
