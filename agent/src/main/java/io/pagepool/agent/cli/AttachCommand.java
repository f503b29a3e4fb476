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

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.pagepool.agent.PagePoolAgent;
import io.pagepool.agent.options.BadOptionsException;
import io.pagepool.agent.options.OptionParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code attach PID [OPTIONS]}: loads this jar as an agent into a running JVM. The options are
 * checked here first, so a bad one never reaches the target; the outcome is read back from the
 * target's {@value PagePoolAgent#STATUS_PROPERTY} system property.
 */
@Command(name = "attach", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = "Load the agent into a running JVM (JDK 25+).")
final class AttachCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PID", description = "process id of the target JVM")
    String pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OPTIONS", description = "agent options, key=value,key=value")
    String options = "";

    @Override
    public Integer call() {
        try {
            OptionParser.parse(options);
        } catch (BadOptionsException e) {
            e.problems().forEach(p -> System.err.println("pagepool attach: bad agent option: " + p));
            return 2;
        }
        if (!pid.chars().allMatch(Character::isDigit)) {
            System.err.println("pagepool attach: '" + pid + "' is not a process id");
            return 2;
        }
        Path jar;
        try {
            jar = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            System.err.println("pagepool attach: cannot locate pagepool-agent.jar: " + e);
            return 1;
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("pagepool attach: run this from pagepool-agent.jar"
                    + " (java -jar pagepool-agent.jar attach …),"
                    + " not from " + jar);
            return 1;
        }
        return attach(jar);
    }

    private int attach(Path jar) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            System.err.println("pagepool attach: cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a running JVM of this user, started with a JDK?)");
            return 1;
        }
        try {
            Properties props = vm.getSystemProperties();
            String version = props.getProperty("java.specification.version", "?");
            if (!version.matches("\\d+") || Integer.parseInt(version) < 25) {
                System.err.println("pagepool attach: process " + pid + " runs Java " + version
                        + "; the agent needs 25+");
                return 1;
            }
            vm.loadAgent(jar.toString(), options);
            String status = vm.getSystemProperties().getProperty(PagePoolAgent.STATUS_PROPERTY, "unknown");
            if (status.startsWith("already running with these options")) {
                System.out.println("pagepool: process " + pid + ": agent " + status + "; nothing changed");
                return 0;
            }
            if (status.startsWith("already running")) {
                System.err.println("pagepool attach: process " + pid + ": the agent is " + status);
                return 1;
            }
            if (status.startsWith("rewrote nothing")) {
                System.err.println("pagepool attach: process " + pid + ": the agent " + status
                        + " (details on that process's stderr)");
                return 1;
            }
            if (!status.startsWith("running")) {
                System.err.println("pagepool attach: the agent did not start in process " + pid + ": " + status
                        + " (details on that process's stderr)");
                return 1;
            }
            System.out.println("pagepool: agent " + status + " (process " + pid + "). Its messages go to that"
                    + " process's stderr. Without -XX:+EnableDynamicAgentLoading the target also prints the JDK's"
                    + " dynamic-agent warning (JEP 451); start it with that flag to allow attach silently.");
            return 0;
        } catch (AgentLoadException e) {
            System.err.println("pagepool attach: process " + pid + " refused the agent: " + e.getMessage()
                    + ". Start the target with -XX:+EnableDynamicAgentLoading to allow attaching agents,"
                    + " or use -javaagent:" + jar + " at start.");
            return 1;
        } catch (AgentInitializationException e) {
            System.err.println("pagepool attach: the agent failed in process " + pid + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("pagepool attach: lost the connection to process " + pid + ": " + e.getMessage());
            return 1;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the agent is loaded or not; detaching changes nothing for the target
            }
        }
    }
}
