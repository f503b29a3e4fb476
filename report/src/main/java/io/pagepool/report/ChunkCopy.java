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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies one chunk of a recording to a temporary file the JDK's parser reads as a whole
 * recording: a cut chunk gets the header of a finished chunk that ends at its last complete
 * checkpoint ({@link ChunkScan.Range}). The caller deletes the copy ({@link #delete(Path)}).
 */
final class ChunkCopy {
    private static final int SIZE_AT = 8;
    private static final int STATE_AT = 64;
    private static final byte FINISHED = 0;

    private ChunkCopy() {
    }

    /** A temporary file holding {@code range} of {@code file}, its header repaired when the range says so. */
    static Path write(Path file, ChunkScan.Range range) throws IOException {
        Path copy = Files.createTempFile("pagepool-report-chunk-", ".jfr");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < range.bytes()) {
                long n = in.transferTo(range.offset() + done, range.bytes() - done, out);
                if (n <= 0) {
                    throw new IOException(file + " ended while copying a chunk");
                }
                done += n;
            }
            if (range.repaired()) {
                ByteBuffer positions = ByteBuffer.allocate(3 * Long.BYTES).order(ByteOrder.BIG_ENDIAN);
                positions.putLong(range.bytes()).putLong(range.constantPoolPosition())
                        .putLong(range.metadataPosition()).flip();
                out.write(positions, SIZE_AT);
                out.write(ByteBuffer.wrap(new byte[] {FINISHED}), STATE_AT);
            }
        } catch (IOException | RuntimeException e) {
            delete(copy);
            throw e;
        }
        return copy;
    }

    /** Deletes {@code copy} if there is one; a copy that cannot be deleted is left to the temp folder's cleaner. */
    static void delete(Path copy) {
        if (copy == null) {
            return;
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            copy.toFile().deleteOnExit();
        }
    }
}
