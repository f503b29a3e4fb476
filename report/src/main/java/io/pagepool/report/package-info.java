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
 * {@code pagepool report}: reads JFR recordings and prints a tuning report.
 *
 * <p>The pipeline: {@link io.pagepool.report.RecordingScanner} streams each file event by event
 * ({@code RecordingFile.readEvent()}; nothing holds the events) into a
 * {@link io.pagepool.report.RecordingSummary} — per pool a {@link io.pagepool.report.PoolSummary},
 * per thread cache a {@link io.pagepool.report.CacheSummary}, the
 * {@link io.pagepool.report.TunerTimeline}, {@link io.pagepool.report.LeakSuspects} and
 * {@link io.pagepool.report.JdkContext} — whose size is bounded whatever the recording's length
 * (series are {@link io.pagepool.report.TimeSeries} that merge buckets pairwise when full; tuner
 * decisions, leak groups and caches are capped and the rest counted). The
 * {@link io.pagepool.report.Recommender} turns a pool's summary into agent options with a reason
 * each. {@link io.pagepool.report.DocumentBuilder} lays the summaries out as a
 * {@link io.pagepool.report.Doc} that the text, markdown and HTML renderers draw; JSON is written
 * straight from the summaries by {@link io.pagepool.report.JsonReport}, as
 * {@code report.schema.json} documents.
 *
 * <p>Where and which site: {@link io.pagepool.report.AllocationSites} groups the allocation
 * samples by stack (pagepool's own frames trimmed) and {@link io.pagepool.report.CallSites} joins
 * the agent's per-site events, both capped and the rest counted;
 * {@link io.pagepool.report.SiteSections} lays them out, {@link io.pagepool.report.FlameGraph}
 * draws the HTML flame graph and {@link io.pagepool.report.CollapsedStacks} writes
 * {@code --format collapsed}.
 *
 * <p>Threading: a report runs on the calling thread; nothing here is shared.
 */
package io.pagepool.report;
