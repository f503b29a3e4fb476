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

import jdk.jfr.consumer.RecordedEvent;

/**
 * Field reads that tolerate an event type of another pagepool version: a field the recording's
 * type does not have reads as 0, false or null instead of failing the whole report.
 */
final class Ev {
    private Ev() {
    }

    /** The long field {@code field} of {@code e}, 0 when its type has no such field. */
    static long longField(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getLong(field) : 0;
    }

    /** The double field {@code field} of {@code e}, 0 when its type has no such field. */
    static double doubleField(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getDouble(field) : 0;
    }

    /** The string field {@code field} of {@code e}, null when its type has no such field. */
    static String stringField(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }

    /** The boolean field {@code field} of {@code e}, false when its type has no such field. */
    static boolean boolField(RecordedEvent e, String field) {
        return e.hasField(field) && e.getBoolean(field);
    }
}
