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
