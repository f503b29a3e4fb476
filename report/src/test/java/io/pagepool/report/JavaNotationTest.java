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

import org.junit.jupiter.api.Test;

/** Names as a Java programmer writes them. */
class JavaNotationTest {
    @Test
    void aMethodDescriptorReadsAsItsParameterTypes() {
        assertEquals("receiveAndTransmit(int, long, TxRing)",
                JavaNotation.method("receiveAndTransmit(IJLio/pagepool/samples/SimNic$TxRing;)Z"));
        assertEquals("main(String[])", JavaNotation.method("main([Ljava/lang/String;)V"));
        assertEquals("f(byte[][], boolean, char, double, float, short)", JavaNotation.method("f([[BZCDFS)V"));
        assertEquals("run()", JavaNotation.method("run()V"));
        assertEquals("broken(Lx", JavaNotation.method("broken(Lx"), "a malformed descriptor as it came");
    }

    @Test
    void aSiteIsTheSimpleClassNameAndTheMethod() {
        assertEquals("SimNic.receiveAndTransmit(int, long, TxRing)",
                JavaNotation.site("io.pagepool.samples.SimNic",
                        "receiveAndTransmit(IJLio/pagepool/samples/SimNic$TxRing;)Z"));
        assertEquals("SimNic.TxRing.completed(ByteBuffer, long)",
                JavaNotation.site("io/pagepool/samples/SimNic$TxRing", "completed(Ljava/nio/ByteBuffer;J)V"));
        assertEquals("Server$1", JavaNotation.simpleName("a.b.Server$1"));
        assertEquals("io.pagepool.samples", JavaNotation.packageName("io/pagepool/samples/SimNic"));
    }

    @Test
    void internalNamesInTextBecomeBinaryNames() {
        assertEquals("passed to io.pagepool.samples.SimNic$TxRing.put at line 108",
                JavaNotation.text("passed to io/pagepool/samples/SimNic$TxRing.put at line 108"));
        assertEquals("no names / here", JavaNotation.text("no names / here"));
    }
}
