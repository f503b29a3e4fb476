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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's {@code Main-Class}, compiled for Java 8: on a JVM older than
 * 25 it prints one line and exits 2 (bad usage); otherwise it runs
 * {@code io.pagepool.agent.cli.Cli}.
 */
public final class CliBoot {
    private static final String CLI = "io.pagepool.agent.cli.Cli";

    private CliBoot() {
    }

    /**
     * {@code java -jar pagepool-agent.jar COMMAND ...}.
     *
     * @param args the command line
     * @throws Throwable what the CLI throws (it reports its own errors and exits)
     */
    public static void main(String[] args) throws Throwable {
        if (!JavaVersion.supported()) {
            System.err.println("pagepool: " + JavaVersion.mismatch() + "; run it with a JDK " + JavaVersion.REQUIRED
                    + " (./pagepool finds one, or set JAVA_HOME)");
            System.exit(2);
        }
        Method main = Class.forName(CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
