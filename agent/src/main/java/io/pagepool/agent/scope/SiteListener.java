package io.pagepool.agent.scope;

/** Receives one {@link SiteVerdict} per {@code ByteBuffer.allocateDirect(int)} call site rewritten. */
@FunctionalInterface
public interface SiteListener {

    /** A listener that ignores every verdict. */
    SiteListener NONE = verdict -> { };

    /**
     * Called once per site, on the thread that transforms the class. Must not throw; a throwing
     * listener does not stop the rewrite.
     */
    void site(SiteVerdict verdict);
}
