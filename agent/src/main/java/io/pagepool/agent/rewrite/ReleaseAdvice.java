package io.pagepool.agent.rewrite;

import io.pagepool.agent.runtime.DirectBuffers;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exits of each {@code release=} method (normal and exceptional): every
 * ByteBuffer argument goes back to the pool once the method is done with it.
 */
final class ReleaseAdvice {
    private ReleaseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.AllArguments Object[] arguments) {
        for (Object argument : arguments) {
            DirectBuffers.releaseArgument(argument);
        }
    }
}
