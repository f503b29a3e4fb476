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
package io.pagepool.tuner;

/**
 * One allocation site's figures at one step (totals since start).
 *
 * @param served               pages the site took from the pool
 * @param returnedExplicit     pages returned by an explicit path: scoped release, {@code release=} or a
 *                             recipe, {@code invokeCleaner}, {@code PagePools.release}
 * @param returnedReachability pages returned when their buffer became unreachable
 * @param inFlightPages        pages of the site out now
 * @param jdkServed            calls the JDK served: the site at the JDK, or a request the pool declined
 * @param pooled               whether the site is pooled now (else the JDK serves it)
 * @param pinned               whether a user pinned its mode (the tuner leaves it alone)
 */
public record SiteSample(long served, long returnedExplicit, long returnedReachability, long inFlightPages,
                         long jdkServed, boolean pooled, boolean pinned) {
}
