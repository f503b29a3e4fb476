package io.pagepool.agent.scope;

import org.objectweb.asm.tree.analysis.Value;

/**
 * The abstract value of one stack or local slot: its size in slots and the set of sites (bit i =
 * site i of the method) whose buffers, or views of them, it may hold.
 */
record Held(int size, long sites) implements Value {

    static final Held EMPTY1 = new Held(1, 0L);
    static final Held EMPTY2 = new Held(2, 0L);

    static Held of(int size) {
        return size == 2 ? EMPTY2 : EMPTY1;
    }

    static Held site(int index) {
        return new Held(1, 1L << index);
    }

    boolean tracked() {
        return sites != 0L;
    }

    Held union(Held other) {
        long merged = sites | other.sites;
        int mergedSize = Math.min(size, other.size);
        if (merged == sites && mergedSize == size) {
            return this;
        }
        return new Held(mergedSize, merged);
    }

    @Override
    public int getSize() {
        return size;
    }
}
