package realworld.targets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

import java.io.IOException;

/** MINA's echo handler as its example writes it: a copy of each received buffer is written back. */
final class MinaEchoHandler extends IoHandlerAdapter {
    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer received = (IoBuffer) message;
        IoBuffer reply = IoBuffer.allocate(received.remaining());
        reply.put(received);
        reply.flip();
        session.write(reply);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (!(cause instanceof IOException)) { // a peer's reset is not the server's failure
            cause.printStackTrace();
        }
        session.closeNow();
    }
}
