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
package io.pagepool.agent.scope;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.Buffer;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Methods that allocate direct buffers the way packet applications do, each with the verdict
 * expected for its sites; this class holds the cases that are scoped, {@link KeptCorpus} those
 * that are not. Every public static no-argument method returning long is also run, rewritten and
 * not, by {@code ScopedRewriterRuntimeTest}; results must match.
 *
 * <p>No nested classes: the rewritten copy is defined by another class loader, so it may only
 * use public members of other classes.
 */
public class ScopeCorpus {

    private static final int PACKETS = 20;

    /** Read by {@link #instanceMethod()}, never written. */
    public ByteBuffer last;

    // ---- the typical packet loops: scoped ----

    @Expect("scoped")
    public static long packetLoopWithoutIo() {
        long sum = 0;
        for (int i = 0; i < PACKETS; i++) {
            ByteBuffer packet = ByteBuffer.allocateDirect(64);
            packet.putInt(i).putLong(i * 31L).put((byte) 7);
            packet.flip();
            sum += packet.getInt() + packet.getLong() + packet.get() + packet.remaining();
        }
        return sum;
    }

    @Expect("scoped, scoped")
    public static long datagramPacketLoop() throws IOException {
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tx.connect(rx.getLocalAddress());
            long sum = 0;
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer out = ByteBuffer.allocateDirect(64);
                out.putInt(i).putLong(i * 31L).flip();
                if (i % 2 == 0) {
                    tx.write(out);
                } else {
                    tx.send(out, rx.getLocalAddress());
                }
                in.clear();
                rx.receive(in);
                in.flip();
                sum += in.getInt() + in.getLong();
            }
            return sum;
        }
    }

    @Expect("scoped, scoped")
    public static long slicesToDatagramAndFile() throws IOException {
        Path file = Files.createTempFile("pagepool-scope", ".bin");
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET);
             FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ,
                     StandardOpenOption.DELETE_ON_CLOSE)) {
            rx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tx.connect(rx.getLocalAddress());
            rx.configureBlocking(true);
            long sum = 0;
            byte[] received = new byte[16];
            ByteBuffer heapIn = ByteBuffer.allocate(64);
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer frame = ByteBuffer.allocateDirect(32);
                for (int b = 0; b < 32; b++) {
                    frame.put((byte) (i + b));
                }
                frame.flip();
                ByteBuffer head = frame.slice(0, 16);
                ByteBuffer tail = frame.slice(16, 16).order(ByteOrder.LITTLE_ENDIAN);
                tx.write(head);
                out.write(tail, i * 16L);
                heapIn.clear();
                rx.receive(heapIn);
                heapIn.flip().get(received, 0, heapIn.remaining());
                sum += received[3] + tail.getShort(0);
            }
            ByteBuffer back = ByteBuffer.allocateDirect(PACKETS * 16);
            out.read(back, 0);
            back.flip();
            CRC32 crc = new CRC32();
            crc.update(back);
            return sum * 31 + crc.getValue();
        }
    }

    @Expect("scoped")
    public static long pipeRoundTrip() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            long sum = 0;
            ByteBuffer in = ByteBuffer.allocate(8);
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer out = ByteBuffer.allocateDirect(8);
                out.putLong(i * 7L).flip();
                sink.write(out);
                in.clear();
                while (in.hasRemaining()) {
                    source.read(in);
                }
                sum += in.getLong(0);
            }
            return sum;
        }
    }

    @Expect("scoped, scoped")
    public static long socketChannelRoundTrip() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                long sum = 0;
                for (int i = 0; i < PACKETS; i++) {
                    ByteBuffer out = ByteBuffer.allocateDirect(8);
                    out.putLong(i).flip();
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                    ByteBuffer in = ByteBuffer.allocateDirect(8);
                    while (in.hasRemaining()) {
                        accepted.read(in);
                    }
                    sum += in.getLong(0);
                }
                return sum;
            }
        }
    }

    @Expect("scoped, scoped, scoped")
    public static long checksums() {
        CRC32 crc = new CRC32();
        Adler32 adler = new Adler32();
        CRC32C crcc = new CRC32C();
        for (int i = 0; i < PACKETS; i++) {
            ByteBuffer a = ByteBuffer.allocateDirect(16);
            a.putLong(i).putLong(-i).flip();
            crc.update(a);
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            b.putLong(i * 3L).flip();
            adler.update(b);
            ByteBuffer c = ByteBuffer.allocateDirect(16);
            c.putInt(i).flip();
            crcc.update(c.duplicate());
        }
        return crc.getValue() ^ adler.getValue() ^ crcc.getValue();
    }

    @Expect("scoped")
    public static long viewsAndBufferTypedCalls() {
        long sum = 0;
        for (int i = 0; i < PACKETS; i++) {
            ByteBuffer b = Objects.requireNonNull(ByteBuffer.allocateDirect(32));
            Buffer plain = b;
            plain.position(4);
            plain.limit(20);
            ByteBuffer view = ((ByteBuffer) plain).slice().order(ByteOrder.LITTLE_ENDIAN);
            view.putInt(0, i);
            ByteBuffer readOnly = view.asReadOnlyBuffer();
            ByteBuffer copy = ByteBuffer.allocate(32);
            copy.put(b.duplicate().clear());
            sum += readOnly.getInt(0) + b.getInt(4) + copy.position() + view.hashCode() % 7 + b.toString().length();
            if (view.equals(readOnly)) {
                sum++;
            }
        }
        return sum;
    }

    @Expect("scoped, scoped")
    public static long nestedLoops() {
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            ByteBuffer outer = ByteBuffer.allocateDirect(8 * 4);
            for (int j = 0; j < 4; j++) {
                ByteBuffer inner = ByteBuffer.allocateDirect(8);
                inner.putLong(i * 10L + j).flip();
                outer.put(inner);
            }
            outer.flip();
            while (outer.hasRemaining()) {
                sum += outer.getLong();
            }
        }
        return sum;
    }

    @Expect("scoped, scoped, scoped")
    public static long switchSites() {
        long sum = 0;
        for (int i = 0; i < 9; i++) {
            ByteBuffer b;
            switch (i % 3) {
                case 0 -> b = ByteBuffer.allocateDirect(8);
                case 1 -> b = ByteBuffer.allocateDirect(16);
                default -> b = ByteBuffer.allocateDirect(32);
            }
            b.putInt(0, i);
            sum += b.capacity() + b.getInt(0);
        }
        return sum;
    }

    @Expect("scoped")
    public static long tryCatchFinally() {
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            try {
                b.putLong(i);
                if (i % 3 == 0) {
                    throw new IllegalArgumentException("packet " + i);
                }
                sum += b.flip().remaining();
            } catch (IllegalArgumentException e) {
                sum += b.position() * 100L;
            } finally {
                sum += b.capacity();
            }
        }
        return sum;
    }

    @Expect("scoped")
    public static long exceptionMidLoop() {
        long sum = 0;
        try {
            for (int i = 0; ; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(16);
                b.putLong(i).putLong(i * 2L);
                if (i == 5) {
                    b.putInt(1); // overflows: the loop ends here with b's page still held
                }
                sum += b.getLong(0);
            }
        } catch (BufferOverflowException e) {
            return sum;
        }
    }

    @Expect("scoped")
    public static long exceptionLeavesTheMethod() {
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putLong(i);
            if (i == 4) {
                throw new IllegalStateException("dropped packet " + b.position());
            }
            sum += b.getLong(0);
        }
        return sum;
    }

    @Expect("scoped")
    public static long deadPreviousIsReleased() {
        long sum = 0;
        ByteBuffer prev = null;
        ByteBuffer cur = null;
        for (int i = 0; i < 10; i++) {
            prev = cur;
            cur = ByteBuffer.allocateDirect(8);
            cur.putLong(0, i);
            sum += cur.getLong(0); // prev is never read: the previous buffer is dead at the site
        }
        return sum;
    }

    @Expect("scoped")
    public static long viewReadBeforeTheSiteRunsAgain() {
        long sum = 0;
        ByteBuffer view = null;
        for (int i = 0; i < 10; i++) {
            if (view != null) {
                sum += view.getInt(0); // last use of the previous buffer: it is dead at the site
            }
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putInt(0, i);
            view = b.asReadOnlyBuffer();
        }
        return sum;
    }

    @Expect("scoped")
    public static long conditionalReallocation() {
        long sum = 0;
        ByteBuffer b = null;
        for (int i = 0; i < 12; i++) {
            if (b == null || i % 3 == 0) {
                b = ByteBuffer.allocateDirect(8); // the old b is overwritten right here: dead at the site
            }
            b.putInt(0, b.getInt(0) + i);
            sum += b.getInt(0);
        }
        return sum;
    }

    @Expect("scoped, scoped, scoped, scoped") // javac copies the finally block: 3 copies of its site
    public static long earlyReturnsFromLoopsAndFinally() {
        long sum = 0;
        for (int i = 0; i < 50; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            try {
                b.putLong(0, i);
                if (i == 17) {
                    return sum + b.getLong(0); // released on the way out, after the finally block
                }
            } finally {
                sum += ByteBuffer.allocateDirect(4).putInt(0, 1).getInt(0);
            }
            sum += b.getLong(0);
        }
        return -1;
    }

    @Expect("scoped")
    public static long wideLocalsAndBreak() {
        double scale = 1.5;
        long sum = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.allocateDirect(16);
            b.putDouble(0, scale).putLong(8, sum);
            scale *= 2;
            sum += (long) b.getDouble(0) + b.getLong(8);
            if (sum > 10_000) {
                break;
            }
        }
        return sum;
    }

    @Expect("scoped")
    public static long insideAnotherMonitor() {
        Object lock = new Object();
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            synchronized (lock) {
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                b.putLong(0, i);
                sum += b.getLong(0);
            }
        }
        return sum;
    }

    @Expect("scoped")
    public long instanceMethod() {
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putLong(0, i);
            sum += b.getLong(0) + (last == null ? 0 : 1);
        }
        return sum;
    }

    public static long callsInstanceMethod() {
        return new ScopeCorpus().instanceMethod();
    }

    @Expect("scoped")
    public static long helperWritesToTheChannel() throws IOException {
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tx.connect(rx.getLocalAddress());
            ByteBuffer in = ByteBuffer.allocate(16);
            long sum = 0;
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer out = ByteBuffer.allocateDirect(16);
                out.putLong(i).flip();
                transmit(tx, out);
                in.clear();
                rx.receive(in);
                sum += in.getLong(0);
            }
            return sum;
        }
    }

    private static void transmit(DatagramChannel channel, ByteBuffer packet) throws IOException {
        while (packet.hasRemaining()) {
            channel.write(packet);
        }
    }

    @Expect("scoped")
    public static long manyPackets() {
        long sum = 0;
        for (int i = 0; i < 500; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(32);
            b.putInt(i).putInt(i * 7).flip();
            sum += b.getInt() ^ b.getInt();
        }
        return sum;
    }

    @Expect("scoped")
    public static long sameClassHelpersThatOnlyRead() {
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8 + i);
            sum += consume(b) + twoLevels(b, i);
        }
        return sum;
    }

    public static long consume(ByteBuffer buffer) {
        return buffer.remaining();
    }

    private static long twoLevels(ByteBuffer buffer, int times) {
        long sum = 0;
        for (int i = 0; i < times; i++) {
            sum += consume(buffer.duplicate());
        }
        return sum;
    }
}
