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
package io.pagepool.report;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in-process and keeps its exit code, stdout and stderr. */
record Reports(int exitCode, String out, String err) {
    static Reports run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = ReportCommand.run(o, e, args);
        }
        return new Reports(code, out.toString(), err.toString());
    }

    /** The command's JSON for {@code files}, parsed; fails unless it exits 0. */
    static Object json(String... files) {
        String[] args = new String[files.length + 3];
        System.arraycopy(files, 0, args, 0, files.length);
        args[files.length] = "--format";
        args[files.length + 1] = "json";
        args[files.length + 2] = "--quiet";
        Reports r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("exit " + r.exitCode() + ": " + r.err());
        }
        return MiniJson.parse(r.out());
    }
}
