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
 * JFR events, recording control and JMX for the page pool.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.pagepool.recorder.PoolRecorder#listener()} (or a
 *       {@link io.pagepool.recorder.PoolEventListener}) for the pool builder: slab maps, waives,
 *       close progress.
 *   <li>{@link io.pagepool.recorder.PoolRecorder#register} for a built pool: periodic statistics,
 *       allocation samples, leak suspects, the MXBean.
 *   <li>{@link io.pagepool.recorder.Recorder#start} to record to a file; {@code pagepool.jfc} for
 *       {@code -XX:StartFlightRecording} and {@code jfr configure}.
 *   <li>{@link io.pagepool.recorder.TunerDecisions} for the tuner;
 *       {@link io.pagepool.recorder.LeakDetector#reclaimedWithoutRelease} for code that reclaims
 *       unreachable buffers itself (nothing in pagepool calls it).
 * </ul>
 * Event names are in {@link io.pagepool.recorder.EventNames}; they are public API. Every counter
 * of a pool is an entry of the table {@link io.pagepool.pool.PoolCounter}: the PoolStatistics
 * event and the MXBean take their names, labels, descriptions and units from it.
 *
 * <h2>Cost</h2>
 * The recorder never touches the pool's fast path. The pool calls the sampler every Nth
 * fast-path allocation (default 1024): with AllocationSample and LeakSuspect disabled that call
 * reads two enabled flags. Periodic events run on JFR's periodic thread only while enabled.
 *
 * <h2>Threading and ordering</h2>
 * <ul>
 *   <li>Registrations: a copy-on-write list, changed under {@code PoolRecorder}'s lock; the
 *       periodic hooks iterate snapshots of it. Pools are held weakly.
 *   <li>Each registration's counter snapshots (the base of the next deltas) are guarded by its
 *       monitor: hooks of the periodic thread, chunk rotations and unregister are serialized.
 *   <li>Counters are read through {@code PagePool.stats()} (opaque reads of owner-written
 *       counters): a snapshot may lag a running thread, but deltas telescope, so the sum of a
 *       pool's PoolStatistics deltas equals its counters at the last event.
 *   <li>A recording holds the statistics of its own span: {@link io.pagepool.recorder.ChunkBoundaries}
 *       commits the last period at every chunk end (stop, {@code JFR.dump}, the JVM's exit) and
 *       baselines the snapshots when a recording starts while none recorded them; two concurrent
 *       recordings share the events and each adds up to its own span.
 *   <li>The lease table is guarded by its class monitor; stack captures are rate-limited by a CAS.
 * </ul>
 */
package io.pagepool.recorder;
