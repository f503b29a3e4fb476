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
