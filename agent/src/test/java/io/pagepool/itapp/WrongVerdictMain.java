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
package io.pagepool.itapp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An application for the agent's forked tests with a planted wrong verdict: {@link #readOne}'s
 * site is scoped because the analysis trusts {@code FileChannel.read} by its static type
 * (assumption A2), but the channel passed is {@link KeepingChannel}, which keeps the buffer. The
 * main then reads the kept buffer after its scoped release and prints
 * {@code RESULT staleRead=…}: the value, or the exception that read threw.
 */
public final class WrongVerdictMain {
    private WrongVerdictMain() {
    }

    public static void main(String[] args) throws IOException {
        KeepingChannel channel = new KeepingChannel();
        long read = readOne(channel);
        String staleRead;
        try {
            staleRead = Long.toString(channel.kept.getLong(0));
        } catch (IllegalStateException e) {
            staleRead = e.getClass().getSimpleName();
        }
        System.out.println("RESULT read=" + read + " staleRead=" + staleRead);
    }

    /** Scoped by the analysis: the buffer only goes to a trusted {@code FileChannel.read}. */
    static long readOne(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        channel.read(buffer);
        return buffer.getLong(0);
    }

    /** Breaks assumption A2: its {@code read} keeps the buffer it fills. */
    static final class KeepingChannel extends FileChannel {
        ByteBuffer kept;

        @Override
        public int read(ByteBuffer dst) {
            kept = dst;
            dst.putLong(0, 42);
            return 8;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public FileChannel position(long newPosition) {
            return this;
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public FileChannel truncate(long size) {
            return this;
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {
        }
    }
}
