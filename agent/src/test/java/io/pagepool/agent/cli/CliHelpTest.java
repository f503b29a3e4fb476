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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of asking the CLI for help prints it on stdout and exits 0. */
class CliHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "help attach", "help options", "help report", "help jfc",
            "attach --help", "attach -h", "options --help", "report --help", "jfc --help"})
    void helpPrintsUsageAndExitsZero(String command) {
        // the CLI's own writers, not System.err: other tests' pools in this JVM may print on it meanwhile
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), command.split(" "));
        String text = out.toString();
        assertEquals(0, exit, text + err);
        assertTrue(text.startsWith("Usage: pagepool"), text);
        String[] words = command.split(" ");
        String sub = words[0].equals("help") && words.length > 1 ? words[1] : words[0].startsWith("-") ? "" : words[0];
        if (!sub.isEmpty() && !sub.equals("help")) {
            assertTrue(text.startsWith("Usage: pagepool " + sub), text);
        }
        assertEquals("", err.toString());
    }
}
