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
package io.pagepool.samples;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An XDP-style NIC driver loop in memory, written the way JVM packet code often is: every RX
 * descriptor is refilled with {@code ByteBuffer.allocateDirect(2048)}, the "NIC" writes a 64-byte
 * packet into it, the driver parses and checks it, then either drops it ({@code --mode drop}) or
 * hands it to a TX ring that a second thread completes ({@code --mode tx}). It never imports
 * pagepool.
 *
 * <pre>
 * java -cp pagepool-samples.jar io.pagepool.samples.SimNic [--mode drop|tx] [--duration 5]
 *      [--ring 256] [--size 2048]
 * </pre>
 *
 * Prints one {@code RESULT simnic ...} line with Mpps, packets, bad packets, GC and direct memory;
 * exits 3 when any packet read back differently from what was written (a page shared by mistake).
 */
public final class SimNic {
    private static final int PACKET_BYTES = 64;

    private SimNic() {
    }

    /**
     * Runs the simulated NIC driver loop and prints packets per second and GC figures.
     *
     * @param argv {@code --name value} options (see the class comment)
     * @throws Exception if the run fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args("SimNic", argv, Set.of("mode", "duration", "ring", "size"));
        String mode = args.string("mode", "drop");
        if (!mode.equals("drop") && !mode.equals("tx")) {
            throw new IllegalArgumentException("SimNic: --mode must be drop or tx, got '" + mode + "'");
        }
        long durationNanos = TimeUnit.SECONDS.toNanos(args.number("duration", 5));
        int ringSize = Integer.highestOneBit(Math.max(2, args.integer("ring", 256))); // TX ring slots
        int size = args.integer("size", 2048);
        JvmStats jvm = new JvmStats();

        TxRing tx = mode.equals("tx") ? new TxRing(ringSize) : null;
        Thread completer = tx == null ? null : Thread.ofPlatform().name("simnic-tx").start(tx::complete);

        long packets = 0;
        long bad = 0;
        long start = System.nanoTime();
        long end = start + durationNanos;
        while ((packets & 1023) != 0 || System.nanoTime() < end) {
            boolean ok = tx == null ? receiveAndDrop(size, packets) : receiveAndTransmit(size, packets, tx);
            if (!ok) {
                bad++;
            }
            packets++;
        }
        long elapsed = System.nanoTime() - start;
        if (tx != null) {
            tx.finish();
            completer.join();
            bad += tx.bad.get();
        }
        System.out.println(String.format(Locale.ROOT, "RESULT simnic mode=%s mpps=%.3f packets=%d bad=%d %s",
                mode, packets / (elapsed / 1e3), packets, bad, jvm.summary()));
        if (bad > 0) {
            System.exit(3);
        }
    }

    /**
     * One RX descriptor in drop mode (XDP_DROP): refilled with a fresh buffer, written by the
     * "NIC", parsed by the driver, dropped.
     */
    private static boolean receiveAndDrop(int size, long seq) {
        ByteBuffer descriptor = ByteBuffer.allocateDirect(size);
        nicWrite(descriptor, seq);
        return parse(descriptor, seq);
    }

    /**
     * One RX descriptor in TX mode (XDP_TX): as above, then handed to the TX ring, whose completion
     * thread drops it in {@link TxRing#completed}.
     */
    private static boolean receiveAndTransmit(int size, long seq, TxRing tx) {
        ByteBuffer descriptor = ByteBuffer.allocateDirect(size);
        nicWrite(descriptor, seq);
        boolean ok = parse(descriptor, seq);
        tx.put(descriptor, seq);
        return ok;
    }

    /** The "NIC" DMA-writes an Ethernet/IPv4/UDP-like 64-byte frame carrying the sequence number. */
    private static void nicWrite(ByteBuffer buffer, long seq) {
        buffer.putLong(0, 0x0000_0c07_ac01_0000L | (seq & 0xffff)); // dst MAC + part of src
        buffer.putShort(12, (short) 0x0800);                         // EtherType IPv4
        buffer.putLong(16, seq);                                     // our sequence number
        for (int i = 24; i < PACKET_BYTES - 4; i++) {
            buffer.put(i, (byte) (seq + i));
        }
        buffer.putInt(PACKET_BYTES - 4, checksum(buffer, seq));
        buffer.limit(PACKET_BYTES);
    }

    /** The driver checks what it received: EtherType, sequence, payload and checksum. */
    static boolean parse(ByteBuffer buffer, long seq) {
        if (buffer.limit() != PACKET_BYTES || buffer.getShort(12) != 0x0800 || buffer.getLong(16) != seq) {
            return false;
        }
        for (int i = 24; i < PACKET_BYTES - 4; i++) {
            if (buffer.get(i) != (byte) (seq + i)) {
                return false;
            }
        }
        return buffer.getInt(PACKET_BYTES - 4) == checksum(buffer, seq);
    }

    private static int checksum(ByteBuffer buffer, long seq) {
        int sum = (int) seq;
        for (int i = 16; i < PACKET_BYTES - 4; i += 4) {
            sum = sum * 31 + buffer.getInt(i);
        }
        return sum;
    }

    /** Single-producer single-consumer TX ring; the completer verifies and drops each packet. */
    private static final class TxRing {
        private final AtomicReferenceArray<ByteBuffer> slots;
        private final long[] seqs;
        private final int mask;
        private final AtomicLong head = new AtomicLong();
        private final AtomicLong tail = new AtomicLong();
        private volatile boolean finished;
        final AtomicLong bad = new AtomicLong();

        TxRing(int size) {
            slots = new AtomicReferenceArray<>(size);
            seqs = new long[size];
            mask = size - 1;
        }

        void put(ByteBuffer packet, long seq) {
            long h = head.get();
            while (h - tail.get() > mask) {
                Thread.onSpinWait(); // TX ring full: wait for completions
            }
            int slot = (int) h & mask;
            seqs[slot] = seq;
            slots.set(slot, packet); // volatile: publishes seqs[slot] too
            head.lazySet(h + 1);
        }

        void finish() {
            finished = true;
        }

        /** TX completion of one packet: verified, then the buffer is done with (dropped here). */
        void completed(ByteBuffer packet, long seq) {
            if (!parse(packet, seq)) {
                bad.incrementAndGet();
            }
        }

        void complete() {
            long t = 0;
            while (true) {
                if (t == head.get()) {
                    if (finished && t == head.get()) {
                        return;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                int slot = (int) t & mask;
                ByteBuffer packet = slots.get(slot);
                slots.set(slot, null);
                completed(packet, seqs[slot]);
                tail.lazySet(++t);
            }
        }
    }
}
