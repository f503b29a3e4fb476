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
package io.pagepool.agent.boot;

/**
 * The running JVM's feature version, readable on Java 8 (where {@code Runtime.version()} does not
 * exist). Compiled for Java 8 like the rest of this package, so an old JVM can load it and say
 * what it needs instead of failing with {@code UnsupportedClassVersionError}.
 */
final class JavaVersion {
    /** The oldest Java the agent and the CLI run on. */
    static final int REQUIRED = 25;

    private JavaVersion() {
    }

    /** The feature version: 8 for "1.8", 17 for "17"; 0 when the property cannot be read. */
    static int feature() {
        String spec = System.getProperty("java.specification.version", "");
        if (spec.startsWith("1.")) {
            spec = spec.substring(2);
        }
        int end = 0;
        while (end < spec.length() && Character.isDigit(spec.charAt(end))) {
            end++;
        }
        return end == 0 || end > 4 ? 0 : Integer.parseInt(spec.substring(0, end));
    }

    /** Whether this JVM is new enough for the real classes. */
    static boolean supported() {
        return feature() >= REQUIRED;
    }

    /** What the user reads: "needs Java 25 or newer, this JVM is 17.0.15 (/usr/lib/jvm/...)". */
    static String mismatch() {
        return "needs Java " + REQUIRED + " or newer, this JVM is " + System.getProperty("java.version", "?")
                + " (" + System.getProperty("java.home", "?") + ")";
    }
}
