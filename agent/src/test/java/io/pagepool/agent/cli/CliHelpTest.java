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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of asking the CLI for help prints it on stdout and exits 0. */
class CliHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "help attach", "help options", "help report", "attach --help",
            "attach -h", "options --help", "report --help"})
    void helpPrintsUsageAndExitsZero(String command) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Cli.run(command.split(" "));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.startsWith("Usage: pagepool"), text);
        String[] words = command.split(" ");
        String sub = words[0].equals("help") && words.length > 1 ? words[1] : words[0].startsWith("-") ? "" : words[0];
        if (!sub.isEmpty() && !sub.equals("help")) {
            assertTrue(text.startsWith("Usage: pagepool " + sub), text);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
