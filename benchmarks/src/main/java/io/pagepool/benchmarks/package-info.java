/**
 * JMH benchmarks, each beside a baseline measured in the same run; {@code ./pagepool bench} runs
 * them and {@link io.pagepool.benchmarks.ResultTable} prints the ratios. One op is one page
 * everywhere (batched benchmarks use {@code @OperationsPerInvocation}).
 */
package io.pagepool.benchmarks;
