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

import java.nio.file.Path;

/** A file the report cannot use: which one and what is wrong with it, in one line. */
final class ReportInputException extends Exception {
    private static final long serialVersionUID = 1L;

    ReportInputException(Path file, String problem) {
        super(file + ": " + problem);
    }

    ReportInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
