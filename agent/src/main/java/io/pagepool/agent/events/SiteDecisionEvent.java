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

import jdk.jfr.StackTrace;

/**
 * {@code io.pagepool.SiteDecision}: a rewritten {@code allocateDirect} site changed mode (pooled or
 * the JDK's own), why, and its figures then. The identity fields are those of the site's
 * {@code io.pagepool.ScopeVerdict} event, so a report can join them.
 */
@Name(SiteDecisionEvent.NAME)
@Label("Page Pool Site Decision")
@Category({"Page Pool", "Agent"})
@Description("A rewritten allocateDirect site switched between the pool and the JDK, why, and its figures")
@StackTrace(false)
public final class SiteDecisionEvent extends SiteEvent {
    public static final String NAME = "io.pagepool.SiteDecision";

    @Label("Before")
    @Description("Mode before: POOLED or JDK")
    public String before;

    @Label("After")
    @Description("Mode after: POOLED or JDK")
    public String after;

    @Label("Reason")
    public String reason;
}
