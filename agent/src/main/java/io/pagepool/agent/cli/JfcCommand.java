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

import io.pagepool.recorder.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * {@code jfc [--output FILE] [--force]}: writes the shipped {@code pagepool.jfc} (the resource
 * {@value Recorder#JFC_RESOURCE}) to FILE or stdout. An existing FILE is left alone (exit 2)
 * unless {@code --force}.
 */
@Command(name = "jfc", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = {"Write pagepool.jfc, the JFR settings of pagepool's events, to FILE or stdout.",
            "Record with: java -XX:StartFlightRecording:settings=default,settings=FILE,filename=app.jfr …"})
final class JfcCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write it (default: stdout)")
    Path output;

    @Option(names = "--force", description = "overwrite an existing FILE")
    boolean force;

    @Override
    public Integer call() {
        try (InputStream in = Recorder.class.getResourceAsStream(Recorder.JFC_RESOURCE)) {
            if (in == null) {
                System.err.println("pagepool jfc: " + Recorder.JFC_RESOURCE + " is missing from the class path");
                return 1;
            }
            if (output == null) {
                in.transferTo(System.out);
                System.out.flush();
                return 0;
            }
            try (OutputStream out = force
                    ? Files.newOutputStream(output)
                    : Files.newOutputStream(output, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
        } catch (FileAlreadyExistsException e) {
            System.err.println("pagepool jfc: " + output + " exists; --force overwrites it");
            return 2;
        } catch (IOException e) {
            System.err.println("pagepool jfc: cannot write " + (output == null ? "stdout" : output) + ": " + e);
            return 1;
        }
        System.out.println("pagepool jfc: wrote " + output + " (record with -XX:StartFlightRecording:settings=default,"
                + "settings=" + output + ",filename=app.jfr)");
        return 0;
    }
}
