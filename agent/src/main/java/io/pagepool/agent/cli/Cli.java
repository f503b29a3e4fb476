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

import io.pagepool.report.ReportCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar pagepool-agent.jar COMMAND}: the CLI in the agent's jar. Exit codes: 0 done,
 * 1 the command failed, 2 bad usage or bad input.
 */
@Command(name = "pagepool", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = "The Linux kernel's page_pool for JVM packet applications: agent and tools.",
        subcommands = {ReportCommand.class, AttachCommand.class, OptionsCommand.class, JfcCommand.class,
            CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    /** What {@code --version} prints. */
    static final String VERSION = "pagepool 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests and the launcher). */
    public static int run(String... args) {
        return new CommandLine(new Cli()).setUsageHelpWidth(100).execute(args);
    }

    /** Runs the CLI with picocli's usage and error text going to {@code out} and {@code err} (tests). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Cli()).setUsageHelpWidth(100).setOut(out).setErr(err).execute(args);
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        spec.commandLine().usage(out);
        out.println();
        out.println("As an agent: java -javaagent:pagepool-agent.jar[=key=value,...] -jar app.jar");
        out.flush();
    }
}
