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
package io.pagepool.agent.runtime;

/**
 * One site's figures at one moment, as the {@code io.pagepool.SiteDecision} and
 * {@code io.pagepool.SiteStatistics} events carry them.
 *
 * @param served               pages this site took from the pool so far
 * @param returnedScoped       pages returned by scoped release
 * @param returnedMethod       pages returned by {@code release=} methods and built-in recipes
 * @param returnedCleaner      pages returned by {@code invokeCleaner}
 * @param returnedApi          pages returned through {@code PagePools.release}
 * @param returnedReachability pages returned when their buffer became unreachable
 * @param inFlight             pages of this site out now: served minus every return (never below 0)
 * @param jdkServed            calls of this site the JDK served (JDK mode, or a waive of the pool's)
 */
public record SiteFigures(long served, long returnedScoped, long returnedMethod, long returnedCleaner,
                          long returnedApi, long returnedReachability, long inFlight, long jdkServed) {

    /** Pages returned by an explicit path: scoped, {@code release=} and recipes, cleaner, API. */
    public long returnedExplicit() {
        return returnedScoped + returnedMethod + returnedCleaner + returnedApi;
    }
}
