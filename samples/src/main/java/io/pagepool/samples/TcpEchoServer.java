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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Set;

/**
 * A TCP echo server written the way such code is found in the wild: one selector thread, and a
 * fresh 16 KiB direct buffer per read ({@code ByteBuffer.allocateDirect(16384)} in the read
 * handler), echoed back; a write that the socket cannot take whole parks the rest of the buffer
 * on the key until the socket is writable. It never imports pagepool; run it with and without
 * the agent and compare.
 *
 * <pre>
 * java -cp pagepool-samples.jar io.pagepool.samples.TcpEchoServer [--port 0] [--bind 127.0.0.1]
 *      [--size 16384 (bytes allocated per read)] [--duration 0 (seconds; 0 = until killed)]
 * </pre>
 *
 * It prints {@code TcpEchoServer listening on HOST:PORT} once ready and, at exit (end of
 * --duration, or SIGTERM), one {@code RESULT server} line: connections accepted, reads (one
 * {@code allocateDirect} each), bytes echoed, GC count and time, and the direct-memory peak.
 */
public final class TcpEchoServer {
    // written by the selector thread only; volatile for the report a SIGTERM prints from its hook
    private volatile long connections;
    private volatile long reads;
    private volatile long echoedBytes;

    private TcpEchoServer() {
    }

    /**
     * Echoes TCP connections on loopback and prints GC and direct-memory figures.
     *
     * @param argv {@code --name value} options (see the class comment)
     * @throws Exception if the run fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args("TcpEchoServer", argv, Set.of("port", "bind", "size", "duration"));
        int size = args.integer("size", 16384);
        long durationSeconds = args.number("duration", 0);
        JvmStats jvm = new JvmStats();
        TcpEchoServer server = new TcpEchoServer();
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(args.string("bind", "127.0.0.1"), args.integer("port", 0)));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            InetSocketAddress local = (InetSocketAddress) listener.getLocalAddress();
            Runnable report = () -> System.out.println("RESULT server connections=" + server.connections + " reads="
                    + server.reads + " echoedBytes=" + server.echoedBytes + " " + jvm.summary());
            Thread hook = new Thread(report, "tcpecho-report");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("TcpEchoServer listening on " + local.getHostString() + ":" + local.getPort());
            System.out.flush();
            long end = durationSeconds > 0 ? System.nanoTime() + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
            while (System.nanoTime() < end) {
                selector.select(100);
                server.handle(selector, size);
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            report.run();
        }
    }

    /** One pass over the selected keys. */
    private void handle(Selector selector, int size) throws IOException {
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
            SelectionKey key = selected.next();
            selected.remove();
            try {
                if (key.isAcceptable()) {
                    accept(key, selector);
                } else if (key.isWritable()) {
                    writePending(key);
                } else if (key.isReadable()) {
                    read(key, size);
                }
            } catch (IOException e) { // the peer reset the connection: drop it, serve the others
                key.channel().close();
            }
        }
    }

    private void accept(SelectionKey key, Selector selector) throws IOException {
        SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
        if (client != null) {
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ);
            connections++;
        }
    }

    /** The read handler, as in the wild: a fresh direct buffer per read, echoed back. */
    private void read(SelectionKey key, int size) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        reads++;
        int n = channel.read(buffer);
        if (n < 0) {
            channel.close();
            return;
        }
        buffer.flip();
        echoedBytes += channel.write(buffer);
        if (buffer.hasRemaining()) { // the socket is full: finish when it is writable, read nothing meanwhile
            key.attach(buffer);
            key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void writePending(SelectionKey key) throws IOException {
        ByteBuffer pending = (ByteBuffer) key.attachment();
        echoedBytes += ((SocketChannel) key.channel()).write(pending);
        if (!pending.hasRemaining()) {
            key.attach(null);
            key.interestOps(SelectionKey.OP_READ);
        }
    }
}
