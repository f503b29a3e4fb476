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
package io.pagepool.realworld;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The echo check catches what a page shared by two messages or returned too early would cause. */
class PayloadTest {
    private final Payload payload = new Payload(1024);

    @Test
    void anIntactMessageGivesItsSequenceNumber() {
        byte[] m = new byte[1024];
        payload.write(m, 123_456_789L);
        assertEquals(123_456_789L, payload.check(m, 1024));
    }

    @Test
    void anyChangedByteOrLengthIsDamage() {
        byte[] m = new byte[1024];
        for (int i = 0; i < m.length; i += 97) {
            payload.write(m, 7);
            m[i] ^= 1;
            assertEquals(-1, payload.check(m, 1024), "byte " + i);
        }
        payload.write(m, 7);
        assertEquals(-1, payload.check(m, 1000));
    }

    @Test
    void anotherMessagesBodyUnderThisHeaderIsDamage() {
        byte[] a = new byte[1024];
        byte[] b = new byte[1024];
        payload.write(a, 1);
        payload.write(b, 2);
        System.arraycopy(b, Payload.HEADER_BYTES, a, Payload.HEADER_BYTES, 1024 - Payload.HEADER_BYTES);
        assertEquals(-1, payload.check(a, 1024));
    }
}
