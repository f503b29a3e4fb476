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
