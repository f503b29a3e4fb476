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
package io.pagepool.agent.cli;

import io.pagepool.agent.options.Option;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code options}: every agent option with its default and meaning. */
@Command(name = "options", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = "List the agent's options with their defaults and meaning.")
final class OptionsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Agent options: -javaagent:pagepool-agent.jar=key=value,key=value"
                + " (or: java -jar pagepool-agent.jar attach PID key=value,...)");
        System.out.println();
        for (Option option : Option.values()) {
            String def = option.defaultValue().isEmpty() ? "(none)" : option.defaultValue();
            System.out.printf("  %-13s default %-9s %s%n", option.key(), def, option.allowed());
            System.out.printf("  %-13s %s%n%n", "", option.meaning());
        }
        return 0;
    }
}
