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

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Apache MINA's TCP echo server with direct buffers ({@code IoBuffer.setUseDirectBuffer(true)}). */
public final class MinaTcpEcho {
    private MinaTcpEcho() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code [--max-seconds N]}
     * @throws Exception when the server cannot bind or is interrupted
     */
    public static void main(String[] args) throws Exception {
        ServerRun run = ServerRun.start("mina-tcp", args);
        IoBuffer.setUseDirectBuffer(true);
        NioSocketAcceptor acceptor = new NioSocketAcceptor(2);
        acceptor.setReuseAddress(true);
        acceptor.setHandler(new MinaEchoHandler());
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        run.listening(acceptor.getLocalAddress().getPort());
        run.awaitStop();
        acceptor.unbind();
        acceptor.dispose(true);
        run.finish();
    }
}
