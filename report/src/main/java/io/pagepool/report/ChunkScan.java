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

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the chunks of a JFR file begin and end, and how much of a chunk that was cut (a copy taken
 * too early, a JVM killed while writing) the JDK's parser can still read.
 *
 * <p>A chunk starts with a 68-byte header (the JDK's {@code jdk.jfr.internal.consumer.ChunkHeader}):
 * magic {@code FLR\0}, major and minor version, then big-endian longs: chunk size at 8, constant
 * pool (last checkpoint event) position at 16, metadata event position at 24; the file state byte
 * at 64 (0 finished, 255 header being updated, else the generation of a chunk still being
 * written) and the flag byte at 67 (bit 0: compressed integers). A chunk still being written
 * holds, in its header, the size, checkpoint and metadata position of its last flush; a finished
 * chunk cut short holds its final ones, which lie beyond the cut: then the events are walked
 * (each starts with its size and type id as varints; type 0 is metadata, 1 a checkpoint) to the
 * last complete checkpoint. Pure functions of the bytes; no state.
 */
final class ChunkScan {
    static final int HEADER_BYTES = 68;
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long SIZE_AT = 8;
    private static final long CONSTANT_POOL_AT = 16;
    private static final long METADATA_AT = 24;
    private static final long STATE_AT = 64;
    private static final long FLAGS_AT = 67;
    private static final byte UPDATING = (byte) 255;
    private static final int COMPRESSED_INTS = 1;
    private static final long METADATA_TYPE = 0;
    private static final long CHECKPOINT_TYPE = 1;

    private ChunkScan() {
    }

    /**
     * A readable range of the file: {@code [offset, offset + bytes)}; when {@code repaired}, a cut
     * chunk whose header must read size {@code bytes}, checkpoint at {@code constantPoolPosition},
     * metadata at {@code metadataPosition} and state finished (positions relative to the chunk).
     */
    record Range(long offset, long bytes, boolean repaired, long constantPoolPosition, long metadataPosition) {
    }

    /**
     * The file's chunks: the complete ones, then the readable part of a cut last chunk if any.
     *
     * @param ranges readable ranges in file order
     * @param completeChunks how many of them are whole chunks
     * @param readableBytes the bytes in {@code ranges}
     * @param cut what was cut, in words, or null when the file is whole
     */
    record Layout(List<Range> ranges, int completeChunks, long readableBytes, String cut) {
        boolean whole() {
            return cut == null;
        }
    }

    /** Whether {@code file} starts with the JFR magic bytes {@code FLR\0}. */
    static boolean hasMagic(MemorySegment file, long offset) {
        return file.byteSize() - offset >= 4 && file.get(ValueLayout.JAVA_BYTE, offset) == 'F'
                && file.get(ValueLayout.JAVA_BYTE, offset + 1) == 'L'
                && file.get(ValueLayout.JAVA_BYTE, offset + 2) == 'R'
                && file.get(ValueLayout.JAVA_BYTE, offset + 3) == 0;
    }

    /** The chunks of {@code file}, which starts with the magic bytes. */
    static Layout layout(MemorySegment file) {
        long fileBytes = file.byteSize();
        List<Range> ranges = new ArrayList<>();
        long offset = 0;
        long readable = 0;
        String cut = null;
        while (offset < fileBytes) {
            long left = fileBytes - offset;
            String problem = headerProblem(file, offset);
            if (problem != null) {
                cut = String.format(Locale.ROOT, "the %,d bytes from offset %,d (%s)", left, offset, problem);
                break;
            }
            long size = file.get(LONG_BE, offset + SIZE_AT);
            byte state = file.get(ValueLayout.JAVA_BYTE, offset + STATE_AT);
            if (state == 0 && size >= HEADER_BYTES && size <= left && positionsInside(file, offset, size)) {
                ranges.add(new Range(offset, size, false, 0, 0));
                readable += size;
                offset += size;
                continue;
            }
            Range tail = state != 0 && state != UPDATING && size >= HEADER_BYTES && size <= left
                    && positionsInside(file, offset, size) ? lastFlush(file, offset, size) : walk(file, offset);
            String what = state == 0 ? "a truncated chunk" : "a chunk still being written";
            if (tail == null) {
                cut = String.format(Locale.ROOT, "the last %,d bytes: %s, nothing complete in it", left, what);
            } else {
                ranges.add(tail);
                readable += tail.bytes();
                long lost = left - tail.bytes();
                cut = lost == 0 ? what + " (its JVM stopped or is still writing it), read to its last flush: events"
                        + " after that flush were never written"
                        : String.format(Locale.ROOT, "the last %,d of %,d bytes of %s (events after its last flush)",
                        lost, left, what);
            }
            break;
        }
        int complete = (int) ranges.stream().filter(r -> !r.repaired()).count();
        return new Layout(List.copyOf(ranges), complete, readable, cut);
    }

    private static String headerProblem(MemorySegment file, long offset) {
        if (file.byteSize() - offset < HEADER_BYTES) {
            return "a truncated chunk header";
        }
        if (!hasMagic(file, offset)) {
            return "no chunk starts there";
        }
        short major = file.get(SHORT_BE, offset + 4);
        return major == 1 || major == 2 ? null : "chunk version " + major + " unknown";
    }

    private static boolean positionsInside(MemorySegment file, long offset, long size) {
        long pool = file.get(LONG_BE, offset + CONSTANT_POOL_AT);
        long metadata = file.get(LONG_BE, offset + METADATA_AT);
        return pool >= HEADER_BYTES && pool < size && metadata >= HEADER_BYTES && metadata < size;
    }

    /** A chunk still being written, read as far as its header's last flush. */
    private static Range lastFlush(MemorySegment file, long offset, long size) {
        return new Range(offset, size, true, file.get(LONG_BE, offset + CONSTANT_POOL_AT),
                file.get(LONG_BE, offset + METADATA_AT));
    }

    /** Walks the events of a cut chunk to its last complete checkpoint; null when none is there. */
    private static Range walk(MemorySegment file, long offset) {
        if ((file.get(ValueLayout.JAVA_BYTE, offset + FLAGS_AT) & COMPRESSED_INTS) == 0) {
            return null;
        }
        long left = file.byteSize() - offset;
        long at = HEADER_BYTES;
        long lastMetadata = -1;
        long lastCheckpoint = -1;
        long end = -1;
        long[] value = new long[2];
        while (at < left) {
            if (!varlong(file, offset + at, offset + left, value)) {
                break;
            }
            long size = value[0];
            if (size <= value[1] || size > left - at || !varlong(file, offset + at + value[1], offset + left, value)) {
                break;
            }
            if (value[0] == METADATA_TYPE) {
                lastMetadata = at;
                end = at + size;
            } else if (value[0] == CHECKPOINT_TYPE) {
                lastCheckpoint = at;
                end = at + size;
            }
            at += size;
        }
        return lastMetadata < 0 || lastCheckpoint < 0 ? null
                : new Range(offset, end, true, lastCheckpoint, lastMetadata);
    }

    /**
     * Reads the JFR varint at {@code at} (7 bits a byte, low first; a 9th byte gives 8 bits) into
     * {@code out[0]} and its length into {@code out[1]}; false when it runs past {@code limit}.
     */
    private static boolean varlong(MemorySegment file, long at, long limit, long[] out) {
        long result = 0;
        for (int i = 0; i < 9; i++) {
            if (at + i >= limit) {
                return false;
            }
            int b = file.get(ValueLayout.JAVA_BYTE, at + i);
            if (i == 8) {
                result |= (long) (b & 0xFF) << 56;
                out[0] = result;
                out[1] = 9;
                return true;
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                out[0] = result;
                out[1] = i + 1;
                return true;
            }
        }
        return false;
    }
}
