/** JMH benchmarks, each beside a baseline measured in the same run (filled by the benchmarks issue). */
package io.pagepool.benchmarks;
