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
