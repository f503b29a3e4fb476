package io.pagepool.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The report's output formats, as {@code --format} takes them. */
enum ReportFormat {
    TEXT, MARKDOWN, JSON, HTML;

    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String names() {
        return Arrays.stream(values()).map(ReportFormat::optionName).collect(Collectors.joining(", "));
    }

    /** Takes {@code text}, {@code markdown} (or {@code md}), {@code json} and {@code html}, any case. */
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
