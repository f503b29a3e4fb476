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
package io.pagepool.agent.bridge;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * What the instrumented {@code sun.misc.Unsafe.invokeCleaner} calls. This class is a template:
 * the agent defines a copy renamed {@code sun.misc.PagePoolCleanerBridge} in module
 * {@code jdk.unsupported} (bootstrap loader), the one place the JDK class can call without a
 * change of module readability, and installs the hook there. Never throws: a hook that fails
 * counts as "not released". Threading: any thread; the hook is published through a volatile field.
 */
public final class CleanerBridge {
    private static volatile Predicate<ByteBuffer> hook;

    private CleanerBridge() {
    }

    /** Installs {@code releases} (null: none): it returns true when it released the buffer's lease. */
    public static void install(Predicate<ByteBuffer> releases) {
        hook = releases;
    }

    /**
     * Called when {@code invokeCleaner(buffer)} returned normally: true when the buffer was a live
     * pooled lease and is released now.
     */
    public static boolean freed(ByteBuffer buffer) {
        Predicate<ByteBuffer> h = hook;
        if (h == null || buffer == null) {
            return false;
        }
        try {
            return h.test(buffer);
        } catch (Throwable e) { // never in the way of the JDK's own behaviour
            return false;
        }
    }
}
