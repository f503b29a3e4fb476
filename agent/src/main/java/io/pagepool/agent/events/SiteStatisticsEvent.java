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
package io.pagepool.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code io.pagepool.SiteStatistics}: one rewritten {@code allocateDirect} site's mode and figures
 * (totals so far), every period and at the end of every chunk, for each site that has served a
 * call; so a recording without a decision still has per-site figures.
 */
@Name(SiteStatisticsEvent.NAME)
@Label("Page Pool Site Statistics")
@Category({"Page Pool", "Agent"})
@Description("A rewritten allocateDirect site's mode and figures so far")
@Period("1 s")
@StackTrace(false)
public final class SiteStatisticsEvent extends SiteEvent {
    public static final String NAME = "io.pagepool.SiteStatistics";

    @Label("Mode")
    @Description("POOLED or JDK")
    public String mode;
}
