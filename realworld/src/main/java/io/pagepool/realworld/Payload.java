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

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The message of each echo: sequence number (8 bytes, big-endian), CRC32C of all else (4), then a
 * pattern derived from the sequence number. A pooled page handed to two messages at once, or
 * returned too early, shows up as a bad checksum, a bad pattern or a wrong sequence number.
 * Threading: an instance belongs to one load thread.
 */
final class Payload {
    static final int HEADER_BYTES = 12;

    private final CRC32C crc = new CRC32C();
    private final int sizeBytes;

    Payload(int sizeBytes) {
        if (sizeBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("payload of " + sizeBytes + " bytes: at least " + HEADER_BYTES);
        }
        this.sizeBytes = sizeBytes;
    }

    int sizeBytes() {
        return sizeBytes;
    }

    /** Fills {@code out[0, size)} with message {@code seq}. */
    void write(byte[] out, long seq) {
        ByteBuffer b = ByteBuffer.wrap(out, 0, sizeBytes);
        b.putLong(seq).putInt(0);
        for (int i = HEADER_BYTES; i < sizeBytes; i++) {
            out[i] = pattern(seq, i);
        }
        b.putInt(8, checksum(out));
    }

    /** The sequence number of an intact message of {@code length} bytes in {@code in}, or -1 when damaged. */
    long check(byte[] in, int length) {
        if (length != sizeBytes) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(in, 0, length);
        long seq = b.getLong(0);
        if (seq < 0 || b.getInt(8) != checksum(in)) {
            return -1;
        }
        for (int i = HEADER_BYTES; i < sizeBytes; i++) {
            if (in[i] != pattern(seq, i)) {
                return -1;
            }
        }
        return seq;
    }

    private int checksum(byte[] message) {
        crc.reset();
        crc.update(message, 0, Long.BYTES); // the sequence number too: the pattern shows only its low bits
        crc.update(message, HEADER_BYTES, sizeBytes - HEADER_BYTES);
        return (int) crc.getValue();
    }

    private static byte pattern(long seq, int index) {
        return (byte) (seq * 31 + index * 7);
    }
}
