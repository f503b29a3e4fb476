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

import java.util.List;
import java.util.Map;

/**
 * Paths into a JSON tree parsed by {@link JsonParser} (strict: the report's JSON must be valid
 * JSON): {@code num(root, "pools", "allocations")}, failing the test with the path when it is
 * missing or of another type.
 */
final class MiniJson {
    private MiniJson() {
    }

    /** {@link JsonParser#parse}: strict JSON. */
    static Object parse(String text) {
        return JsonParser.parse(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o, String... path) {
        Object v = at(o, path);
        if (!(v instanceof Map)) {
            throw new AssertionError("not an object at " + String.join(".", path) + ": " + v);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String... path) {
        Object v = at(o, path);
        if (!(v instanceof List)) {
            throw new AssertionError("not an array at " + String.join(".", path) + ": " + v);
        }
        return (List<Object>) v;
    }

    static long num(Object o, String... path) {
        Object v = at(o, path);
        if (!(v instanceof Double d)) {
            throw new AssertionError("not a number at " + String.join(".", path) + ": " + v);
        }
        return Math.round(d);
    }

    static double dbl(Object o, String... path) {
        return (Double) at(o, path);
    }

    static String str(Object o, String... path) {
        return (String) at(o, path);
    }

    static Object at(Object o, String... path) {
        Object v = o;
        for (String key : path) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new AssertionError("no field " + key + " in " + String.join(".", path));
            }
            v = m.get(key);
        }
        return v;
    }
}
