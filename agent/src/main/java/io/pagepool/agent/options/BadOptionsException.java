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
package io.pagepool.agent.options;

import java.util.List;

/** The agent's options are bad: one line per problem, each naming the option and what it allows. */
public final class BadOptionsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, one line each. */
    private final transient List<String> problems;
    /** Whether {@code onError=exit} was given (readable even when other options are bad). */
    private final boolean onErrorExit;

    BadOptionsException(List<String> problems, boolean onErrorExit) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.onErrorExit = onErrorExit;
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }

    /** Whether the options asked to exit on an error. */
    public boolean onErrorExit() {
        return onErrorExit;
    }
}
