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
