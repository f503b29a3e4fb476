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
package realworld.targets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The textbook reactor: one selector loop accepts connections and reads each readable one into a
 * fresh 16 KiB direct buffer, handed to the connection's {@link ReactorConnection} (another class),
 * which writes it back or keeps it until the socket is writable.
 */
public final class NioTcpReactorEcho {
    private static final int BUFFER_BYTES = 16 * 1024;

    private volatile boolean stopping;

    private NioTcpReactorEcho() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code [--max-seconds N]}
     * @throws Exception when the server cannot bind or is interrupted
     */
    public static void main(String[] args) throws Exception {
        ServerRun run = ServerRun.start("nio-tcp-reactor", args);
        NioTcpReactorEcho reactor = new NioTcpReactorEcho();
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            Thread loop = Thread.ofPlatform().name("reactor").start(() -> reactor.loop(selector, server));
            run.listening(((InetSocketAddress) server.getLocalAddress()).getPort());
            run.awaitStop();
            reactor.stopping = true;
            selector.wakeup();
            loop.join();
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        run.finish();
    }

    private void loop(Selector selector, ServerSocketChannel server) {
        try {
            while (!stopping) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept(selector, server);
                    } else if (key.isValid()) {
                        serve(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    private static void accept(Selector selector, ServerSocketChannel server) throws IOException {
        SocketChannel channel = server.accept();
        if (channel != null) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new ReactorConnection(channel, key));
        }
    }

    private static void serve(SelectionKey key) {
        ReactorConnection connection = (ReactorConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.onWritable();
            }
            if (key.isValid() && key.isReadable()) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                if (connection.channel().read(buffer) < 0) {
                    connection.close();
                } else {
                    connection.onRead(buffer);
                }
            }
        } catch (IOException e) { // a peer's reset ends its connection, not the server
            connection.close();
        }
    }
}
