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
package io.pagepool.agent.boot;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's {@code Premain-Class} and {@code Agent-Class}, compiled for Java 8: on a JVM older
 * than 25 it prints one line and returns, so the application runs
 * without the agent with its exit code untouched (the JVM would otherwise abort on the agent's
 * class version); {@code onError=exit} exits with status 1 before {@code main}, as for any failed
 * start. On a new enough JVM it hands over to {@code io.pagepool.agent.PagePoolAgent}.
 */
public final class AgentBoot {
    private static final String AGENT = "io.pagepool.agent.PagePoolAgent";
    private static final String STATUS_PROPERTY = "pagepool.agent.status";

    private AgentBoot() {
    }

    /**
     * {@code -javaagent:pagepool-agent.jar[=OPTIONS]}.
     *
     * @param arguments the agent options
     * @param inst      the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation inst) {
        start("premain", arguments, inst);
    }

    /**
     * Dynamic attach ({@code java -jar pagepool-agent.jar attach PID}).
     *
     * @param arguments the agent options
     * @param inst      the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation inst) {
        start("agentmain", arguments, inst);
    }

    private static void start(String entry, String arguments, Instrumentation inst) {
        if (!JavaVersion.supported()) {
            boolean exit = "premain".equals(entry) && asksToExit(arguments);
            System.setProperty(STATUS_PROPERTY, "failed: the agent " + JavaVersion.mismatch());
            System.err.println("pagepool: the agent " + JavaVersion.mismatch() + (exit
                    ? "; onError=exit: exiting with status 1" : "; the application runs without the agent"));
            if (exit) {
                System.exit(1);
            }
            return;
        }
        try {
            Method method = Class.forName(AGENT).getMethod(entry, String.class, Instrumentation.class);
            method.invoke(null, arguments, inst);
        } catch (InvocationTargetException e) { // the agent catches everything itself; an Error got through
            System.err.println("pagepool agent: the agent could not start: " + e.getCause()
                    + "; the application runs without the agent");
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("pagepool agent: the agent could not start: " + e
                    + "; the application runs without the agent");
        }
    }

    /** Whether the options contain {@code onError=exit} (read without the real parser). */
    private static boolean asksToExit(String arguments) {
        if (arguments == null) {
            return false;
        }
        for (String pair : arguments.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && "onError".equals(kv[0].trim()) && "exit".equalsIgnoreCase(kv[1].trim())) {
                return true;
            }
        }
        return false;
    }
}
