package io.pagepool.report;

import java.util.List;

/**
 * What a report shows: one summary per recording, in the order given, and with two or more
 * recordings their combined view (else null).
 */
record ReportModel(List<RecordingSummary> recordings, RecordingSummary combined) {
    static ReportModel of(List<RecordingSummary> recordings) {
        return new ReportModel(List.copyOf(recordings),
                recordings.size() > 1 ? RecordingSummary.combine(recordings) : null);
    }
}
