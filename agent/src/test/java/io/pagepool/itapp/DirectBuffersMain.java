package io.pagepool.itapp;

import java.nio.ByteBuffer;

/**
 * An application for the agent's forked tests, outside the packages the agent leaves alone: it
 * allocates N direct buffers one after the other, each dead after one use, then returns from main.
 */
public final class DirectBuffersMain {
    private DirectBuffersMain() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += use(i);
        }
        System.out.println("RESULT buffers=" + n + " sum=" + sum);
    }

    private static long use(long i) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        buffer.putLong(0, i);
        return buffer.getLong(0);
    }
}
