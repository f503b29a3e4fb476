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

import java.util.List;

/**
 * What a report shows: one summary per recording, in the order given, and with two or more
 * recordings their combined view (else null); {@code bar} is what a recording must show of a pool
 * to recommend its sizes.
 */
record ReportModel(List<RecordingSummary> recordings, RecordingSummary combined, Evidence.Bar bar) {
    static ReportModel of(List<RecordingSummary> recordings) {
        return of(recordings, Evidence.Bar.DEFAULT);
    }

    static ReportModel of(List<RecordingSummary> recordings, Evidence.Bar bar) {
        return new ReportModel(List.copyOf(recordings),
                recordings.size() > 1 ? RecordingSummary.combine(recordings) : null, bar);
    }
}
