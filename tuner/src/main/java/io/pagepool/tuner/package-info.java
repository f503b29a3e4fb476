/**
 * The online tuner: {@link io.pagepool.tuner.Tuner} runs a controller thread that reads a pool's
 * counters and moves its cache capacities, refill batch, ring capacity and slab reserve inside the
 * memory budget, after tcmalloc's per-CPU cache resizing. Each policy is one small class driven by
 * {@code Tuner.step()}; every change is an {@code io.pagepool.TunerDecision} JFR event.
 *
 * <p>Threading: everything in this package runs on the tuner's own thread (or a test calling
 * {@code step()}, serialized with it). It only calls the pool's run-time setters, which allocating
 * threads never wait for: a cache's new capacity is applied by its owner at its next push or refill.
 *
 * <p>An idle live thread: the pool never takes pages from the cache of a live thread (that would
 * need an atomic on the owner's fast path), so draining an idle cache means setting its capacity to
 * 0; its pages stay parked until the thread calls the pool again (and then flushes) or ends (and
 * then the tuner reclaims them). A thread that parks pages and sleeps forever keeps them.
 */
package io.pagepool.tuner;
