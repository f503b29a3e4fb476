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
