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

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The report's output formats, as {@code --format} takes them. */
enum ReportFormat {
    TEXT, MARKDOWN, JSON, HTML,
    /** Collapsed allocation stacks ({@link CollapsedStacks}), for flame graph tools. */
    COLLAPSED;

    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String names() {
        return Arrays.stream(values()).map(ReportFormat::optionName).collect(Collectors.joining(", "));
    }

    /**
     * Takes {@code text}, {@code markdown} (or {@code md}), {@code json}, {@code html} and
     * {@code collapsed}, any case.
     */
    static final class Converter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("md")) {
                return MARKDOWN;
            }
            for (ReportFormat f : values()) {
                if (f.optionName().equals(v)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format: use " + names());
        }
    }
}
