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
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Apache MINA's UDP echo server with direct buffers ({@code IoBuffer.setUseDirectBuffer(true)}). */
public final class MinaUdpEcho {
    private MinaUdpEcho() {
    }

    /**
     * Runs the server.
     *
     * @param args {@code [--max-seconds N]}
     * @throws Exception when the server cannot bind or is interrupted
     */
    public static void main(String[] args) throws Exception {
        ServerRun run = ServerRun.start("mina-udp", args);
        IoBuffer.setUseDirectBuffer(true);
        NioDatagramAcceptor acceptor = new NioDatagramAcceptor();
        acceptor.setHandler(new MinaEchoHandler());
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        run.listening(acceptor.getLocalAddress().getPort());
        run.awaitStop();
        acceptor.unbind();
        acceptor.dispose(true);
        run.finish();
    }
}
