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
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code io.pagepool.ScopeVerdict}: the scoped-release analysis of one {@code allocateDirect} call
 * site, emitted when its class is rewritten.
 */
@Name(ScopeVerdictEvent.NAME)
@Label("Page Pool Scope Verdict")
@Category({"Page Pool", "Agent"})
@Description("Whether a rewritten allocateDirect site is released where its buffer dies (scoped) or when"
        + " unreachable, and why")
@StackTrace(false)
public final class ScopeVerdictEvent extends Event {
    public static final String NAME = "io.pagepool.ScopeVerdict";

    @Label("Class")
    public String className;

    @Label("Method")
    @Description("Name and descriptor")
    public String method;

    @Label("Line")
    @Description("Source line of the call site, or -1")
    public int line;

    @Label("Scoped")
    @Description("True when the buffer is released where it dies")
    public boolean scoped;

    @Label("Reason")
    @Description("Why the site is not scoped (where the buffer escapes), or how it is released")
    public String reason;
}
