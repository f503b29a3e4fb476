/**
 * Helpers the modules' tests share, so that each exists once: small pools for tests
 * ({@link io.pagepool.testkit.TestPools}), forked JVMs and the JDK's tools with their output
 * captured to files ({@link io.pagepool.testkit.Processes}), and a thread-safe log of lines
 * ({@link io.pagepool.testkit.LineLog}). Modules depend on it with {@code <scope>test</scope>}.
 */
package io.pagepool.testkit;
