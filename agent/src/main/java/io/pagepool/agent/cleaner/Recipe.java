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
package io.pagepool.agent.cleaner;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in release recipes: methods where a popular library ends a direct buffer's life
 * without reaching {@code Unsafe.invokeCleaner}. At each normal return of the method the agent
 * releases the buffer held in the named field of the receiver, as a {@code release=} entry
 * releases its arguments. A recipe is only as strong as the library's own contract for that
 * method: each names the contract it relies on and the version it was tested against. Pure data;
 * immutable.
 */
public enum Recipe {
    /**
     * Netty 4.2's unpooled direct buffers when {@code sun.misc.Unsafe} is off on JDK 25:
     * {@code PlatformDependent} prefers its no-op cleaner over the expensive {@code CleanerJava25}
     * (one shared arena per buffer), so the buffer comes from {@code ByteBuffer.allocateDirect} and
     * {@code CleanableDirectBuffer.clean()} frees nothing. Its contract: "all usages of the buffer
     * must have ceased before this method is called, and the buffer must not be accessed again";
     * with the other cleaners the same call frees the memory.
     */
    NETTY_UNPOOLED("netty-unpooled", "Netty 4.2 (tested: 4.2.18.Final)",
            "io.netty.util.internal.PlatformDependent$1$1", "clean", "byteBuffer",
            "Netty's no-op CleanableDirectBuffer.clean() (unpooled direct ByteBufs when Unsafe is off)");

    private final String key;
    private final String library;
    private final String className;
    private final String methodName;
    private final String fieldName;
    private final String description;

    Recipe(String key, String library, String className, String methodName, String fieldName, String description) {
        this.key = key;
        this.library = library;
        this.className = className;
        this.methodName = methodName;
        this.fieldName = fieldName;
        this.description = description;
    }

    /** The recipe's name in {@code recipes=}. */
    public String key() {
        return key;
    }

    /** The library and the version the recipe was tested against. */
    public String library() {
        return library;
    }

    /** The binary name of the class whose method ends the buffer's life. */
    public String className() {
        return className;
    }

    /** The method (no arguments) after whose normal return the buffer is released. */
    public String methodName() {
        return methodName;
    }

    /** The receiver's {@code ByteBuffer} field holding the buffer the method frees. */
    public String fieldName() {
        return fieldName;
    }

    /** One line on what the recipe releases. */
    public String description() {
        return description;
    }

    /** The recipe named {@code key} (case-sensitive). */
    public static Optional<Recipe> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }

    /** Every recipe's name, in table order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Recipe::key).toList();
    }
}
