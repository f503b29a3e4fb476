package io.pagepool.pool;

/** Spells small ids as decimal digits, in order, so that a jcstress outcome shows a sequence. */
final class Digits {
    private Digits() {
    }

    /** {@code ids[0..n)} as digits ({1, 2} gives 12); an id outside 0..9 gives -1. */
    static int of(int[] ids, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] > 9) {
                return -1;
            }
            out = out * 10 + ids[i];
        }
        return out;
    }
}
