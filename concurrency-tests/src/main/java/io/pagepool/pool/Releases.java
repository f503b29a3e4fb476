package io.pagepool.pool;

/** Runs a release that may lose a race and reports whether it threw. */
final class Releases {
    private Releases() {
    }

    /** 0 when {@code page.release()} returned, 1 when it threw {@link IllegalStateException}. */
    static int threw(Page page) {
        try {
            page.release();
            return 0;
        } catch (IllegalStateException e) {
            return 1;
        }
    }

    /** 0 when {@code page.retain()} returned, 1 when it threw {@link IllegalStateException}. */
    static int retainThrew(Page page) {
        try {
            page.retain();
            return 0;
        } catch (IllegalStateException e) {
            return 1;
        }
    }
}
