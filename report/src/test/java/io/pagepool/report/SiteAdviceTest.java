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
package io.pagepool.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each reason the agent's scoped-release analysis writes (agent/scope: HeldInterpreter, JdkCalls,
 * MethodScoper) in plain words, with the action it calls for.
 */
class SiteAdviceTest {
    @Test
    void aBufferPassedToAnotherClassGetsTheReleaseLineForThatMethod() {
        SiteAdvice a = SiteAdvice.of(false, "passed to io/pagepool/samples/SimNic$TxRing.put at line 108");
        assertEquals("unreachable", a.verdict());
        assertEquals("io.pagepool.samples.SimNic$TxRing#put", a.release());
        assertTrue(a.plain().startsWith("passed to SimNic.TxRing.put (line 108), a method the analysis does not"
                + " look into"), a.plain());
        assertTrue(a.action().contains("if put is where the buffer's life ends"), a.action());
        assertNull(a.warning());
        assertEquals("'-javaagent:pagepool-agent.jar=release=io.pagepool.samples.SimNic$TxRing#put'",
                SiteAdvice.optionLine(a.release()), "quoted: a shell would eat $TxRing");
        assertEquals("-javaagent:pagepool-agent.jar=release=a.B#c", SiteAdvice.optionLine("a.B#c"));
    }

    @Test
    void aBufferPassedToAnOwnMethodThatKeepsItGetsAWarningAndNoReleaseLine() {
        SiteAdvice a = SiteAdvice.of(false, "passed to com/x/Server.enqueue at line 40 (there: passed to"
                + " java/util/ArrayDeque.add at line 77)");
        assertNull(a.release());
        assertNotNull(a.warning());
        assertTrue(a.warning().startsWith("do not add release=com.x.Server#enqueue: the analysis sees enqueue keep"
                + " the buffer (passed to java.util.ArrayDeque.add (line 77))"), a.warning());
        SiteAdvice field = SiteAdvice.of(false, "passed to com/x/Server.hold at line 5 (there: stored to field"
                + " com/x/Server.last at line 9)");
        assertTrue(field.plain().endsWith("which keeps it: stored to field com.x.Server.last (line 9)"), field.plain());
    }

    @Test
    void anOwnMethodTheAnalysisCouldNotFollowStillGetsTheLineWithItsCaveat() {
        SiteAdvice a = SiteAdvice.of(false, "passed to com/x/Server.deep at line 5 (there: could not be summarised)");
        assertEquals("com.x.Server#deep", a.release());
        assertNull(a.warning());
        assertTrue(a.plain().contains("could not follow (could not be summarised)"), a.plain());
    }

    @Test
    void jdkAndInterfaceCallsGetNoReleaseLine() {
        SiteAdvice jdk = SiteAdvice.of(false, "passed to java/nio/channels/WritableByteChannel.write (interface call)"
                + " at line 12");
        assertNull(jdk.release());
        assertTrue(jdk.plain().contains("the JDK's WritableByteChannel.write (line 12) through an interface"),
                jdk.plain());
        assertTrue(jdk.action().contains("PagePools.release(buffer)"), jdk.action());
        SiteAdvice iface = SiteAdvice.of(false, "passed to com/x/Sink.accept (interface call) at line 3");
        assertNull(iface.release());
        assertTrue(iface.action().contains("release=pkg.Impl#accept"), iface.action());
        SiteAdvice ctor = SiteAdvice.of(false, "passed to com/x/Frame.<init> at line 3");
        assertNull(ctor.release());
        assertTrue(ctor.plain().startsWith("passed to a constructor of Frame (line 3)"), ctor.plain());
    }

    @Test
    void storesReturnsAndCapturesSayTheBufferOutlivesTheMethod() {
        assertEquals("stored to field com.x.A.buf (line 3): it outlives the method",
                SiteAdvice.of(false, "stored to field com/x/A.buf at line 3").plain());
        assertEquals("returned to the caller (line 9): it outlives the method",
                SiteAdvice.of(false, "returned at line 9").plain());
        assertEquals("captured by a lambda or method reference (run) (line 4): it outlives the method",
                SiteAdvice.of(false, "captured by invokedynamic run at line 4").plain());
        assertNotNull(SiteAdvice.of(false, "stored to an array at line 4").action());
    }

    @Test
    void scopedUnanalysedAndUnknownSitesSaySo() {
        SiteAdvice scoped = SiteAdvice.of(true, "scoped: does not escape, dead when the site runs again");
        assertEquals("scoped", scoped.verdict());
        assertNull(scoped.action());
        SiteAdvice notAnalysed = SiteAdvice.of(false, "not analysed: method too large");
        assertEquals("not analysed (method too large), so released when unreachable", notAnalysed.plain());
        assertEquals("unknown", SiteAdvice.of(null, null).verdict());
        assertTrue(SiteAdvice.of(false, "the previous buffer is still live in local buf when the site runs again at"
                + " line 7").action().contains("before the site runs again"));
    }
}
