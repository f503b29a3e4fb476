package io.pagepool.report;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Field reads that tolerate an event type of another pagepool version: a field the recording's
 * type does not have reads as 0, false or null instead of failing the whole report.
 */
final class Ev {
    private Ev() {
    }

    static long l(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getLong(field) : 0;
    }

    static double d(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getDouble(field) : 0;
    }

    static String s(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getString(field) : null;
    }

    static boolean b(RecordedEvent e, String field) {
        return e.hasField(field) && e.getBoolean(field);
    }
}
