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
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * Corpus methods whose buffers outlive their site's next run or their method, each with the
 * verdict expected for its sites (see {@link ScopeCorpus}). Each case reads its kept buffer after
 * the point where a wrong release would have freed it, so a missed escape fails the runtime test.
 */
public class KeptCorpus {

    /** Escape targets. */
    public static ByteBuffer kept;
    public ByteBuffer last;

    @Expect("kept:still live in local")
    public static long handlerReadsThePreviousBuffer() {
        long sum = 0;
        ByteBuffer last = ByteBuffer.allocate(8);
        for (int i = 0; i < 10; i++) {
            try {
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                b.putInt(0, i);
                if (i % 3 == 2) {
                    throw new IllegalArgumentException();
                }
                last = b;
            } catch (IllegalArgumentException e) {
                sum += last.getInt(0) * 100L; // the previous iteration's buffer, reached through the handler
            }
        }
        return sum + last.getInt(0);
    }

    @Expect("kept:still live in local")
    public static long copyOfTheOldReferenceStillUsed() {
        long sum = 0;
        ByteBuffer b = ByteBuffer.allocate(8);
        for (int i = 0; i < 10; i++) {
            ByteBuffer old = b;
            if (i % 2 == 0) {
                b = ByteBuffer.allocateDirect(8);
                b.putInt(0, i);
            }
            sum += old.getInt(0) + b.getInt(0);
        }
        return sum;
    }

    @Expect("kept:called java/util/stream/IntStream.sum (interface call)")
    public static long lazyStreamOverTheBuffer() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        b.putChar(0, 'a').putChar(2, 'b');
        return b.asCharBuffer().chars().sum();
    }


    @Expect("kept:still live in local")
    public static long previousAndCurrent() {
        long sum = 0;
        ByteBuffer prev = null;
        ByteBuffer cur = null;
        for (int i = 0; i < 10; i++) {
            prev = cur;
            cur = ByteBuffer.allocateDirect(8);
            cur.putLong(0, i);
            if (prev != null) {
                sum += prev.getLong(0) * 10 + cur.getLong(0);
            }
        }
        return sum;
    }

    @Expect("kept:still live in local 2 (view)")
    public static long viewOfPreviousBuffer() {
        long sum = 0;
        ByteBuffer view = null;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putInt(0, i);
            if (view != null) {
                sum += view.getInt(0) * 100L + b.getInt(0);
            }
            view = b.asReadOnlyBuffer();
        }
        return sum;
    }

    @Expect("kept:returned")
    private static ByteBuffer freshPacket(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        b.putInt(0, size);
        return b;
    }

    @Expect("")
    public static long usesHelper() {
        long sum = 0;
        for (int i = 1; i <= 10; i++) {
            sum += freshPacket(i * 4).getInt(0);
        }
        return sum;
    }

    @Expect("kept:stored to static io/pagepool/agent/scope/KeptCorpus.kept")
    public static long conditionalStaticStore() {
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putLong(0, i);
            if (i == 7) {
                kept = b;
            }
            sum += b.getLong(0);
        }
        return sum + kept.getLong(0);
    }

    @Expect("kept:stored to field io/pagepool/agent/scope/KeptCorpus.last")
    public static long conditionalFieldStoreOfSlice() {
        KeptCorpus holder = new KeptCorpus();
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putLong(0, i);
            if (i % 4 == 1) {
                holder.last = b.slice(0, 4);
            }
            sum += b.getLong(0);
        }
        return sum + holder.last.getInt(0); // reads the kept slice after later runs of the site
    }

    @Expect("kept:stored to an array")
    public static long arrayStore() {
        ByteBuffer[] ring = new ByteBuffer[4];
        long sum = 0;
        for (int i = 0; i < 8; i++) {
            ring[i % 4] = ByteBuffer.allocateDirect(8).putLong(0, i);
            sum += ring[(i + 3) % 4] == null ? 0 : ring[(i + 3) % 4].getLong(0);
        }
        return sum;
    }

    @Expect("kept:captured by invokedynamic")
    public static long lambdaCapture() {
        IntSupplier previous = () -> -1;
        long sum = 0;
        for (int i = 0; i < 5; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putInt(0, i);
            sum += previous.getAsInt(); // reads the buffer of the previous run through the lambda
            previous = () -> b.getInt(0);
        }
        return sum + previous.getAsInt();
    }

    @Expect("kept:passed to java/util/Collections.singletonList")
    public static long unknownMethod() {
        long sum = 0;
        java.util.List<ByteBuffer> previous = java.util.List.of();
        for (int i = 0; i < 4; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8 + i);
            b.putInt(0, i + 1);
            sum += previous.isEmpty() ? 0 : previous.get(0).getInt(0);
            previous = java.util.Collections.singletonList(b);
        }
        return sum;
    }

    @Expect("kept:(there: stored to static io/pagepool/agent/scope/KeptCorpus.kept")
    public static long sameClassHelperThatKeeps() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        return keep(b.slice());
    }

    @Expect("")
    private static long keep(ByteBuffer buffer) {
        if (buffer.capacity() > 4) {
            kept = buffer;
        }
        return buffer.capacity();
    }

    @Expect("kept:passed to io/pagepool/agent/scope/KeptCorpus.inspect")
    public static long overridableInstanceMethod() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        return new KeptCorpus().inspect(b);
    }

    public long inspect(ByteBuffer buffer) {
        return buffer.capacity();
    }

    @Expect("kept:could not be summarised")
    public static long recursiveHelper() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        return countDown(b, 3);
    }

    private static long countDown(ByteBuffer buffer, int n) {
        return n == 0 ? buffer.capacity() : countDown(buffer, n - 1) + 1;
    }

    @Expect("kept:(interface call)")
    public static long interfaceChannelWrite() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            WritableByteChannel out = sink;
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putLong(0, 99);
            out.write(b);
            ByteBuffer in = ByteBuffer.allocate(8);
            while (in.hasRemaining()) {
                source.read(in);
            }
            return in.getLong(0);
        }
    }

    @Expect("kept:java/util/zip/Checksum.update")
    public static long checksumInterface() {
        Checksum checksum = new CRC32();
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        b.putLong(0, 5);
        checksum.update(b);
        return checksum.getValue();
    }

    @Expect("kept:used as a monitor")
    public static long monitor() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        synchronized (b) {
            b.putLong(0, 3);
        }
        return b.getLong(0);
    }

    @Expect("kept:passed to java/lang/String.valueOf")
    public static long stringConcatenation() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        return ("buffer " + b).length(); // javac calls String.valueOf(b) before the concat indy
    }

    @Expect("kept:captured by invokedynamic applyAsInt")
    public static long methodReferenceCapture() {
        ByteBuffer b = ByteBuffer.allocateDirect(8);
        b.putInt(4, 17);
        IntUnaryOperator reader = b::getInt; // javac checks b with Objects.requireNonNull, then captures it
        return reader.applyAsInt(4);
    }

    @Expect("kept:AsynchronousFileChannel.write")
    public static long asynchronousFileWrite() throws IOException, InterruptedException, ExecutionException {
        Path file = Files.createTempFile("pagepool-scope", ".bin");
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE)) {
            ByteBuffer b = ByteBuffer.allocateDirect(32);
            b.putLong(7).flip();
            return channel.write(b, 0).get();
        }
    }

    @Expect("kept:AsynchronousSocketChannel.write")
    public static long asynchronousSocketWrite() throws IOException, InterruptedException, ExecutionException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
                client.connect(server.getLocalAddress()).get();
                try (SocketChannel accepted = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(8);
                    b.putLong(0, 1234).limit(8);
                    int written = client.write(b).get();
                    ByteBuffer in = ByteBuffer.allocate(8);
                    while (in.hasRemaining()) {
                        accepted.read(in);
                    }
                    return written + in.getLong(0);
                }
            }
        }
    }

    @Expect("scoped, kept:returned")
    private static ByteBuffer oneScopedOneReturned(int size) {
        ByteBuffer scratch = ByteBuffer.allocateDirect(size);
        scratch.putInt(0, size);
        ByteBuffer result = ByteBuffer.allocateDirect(size);
        result.putInt(0, scratch.getInt(0) * 2);
        return result;
    }

    @Expect("")
    public static long mixedSitesInOneMethod() {
        return oneScopedOneReturned(8).getInt(0);
    }
}
