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
package io.pagepool.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --key value} parsing for the samples, with clear errors for unknown keys. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String program, String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(program + ": expected --key value pairs, got '" + key + "'");
            }
            String name = key.substring(2);
            if (!known.contains(name)) {
                throw new IllegalArgumentException(program + ": unknown option --" + name + "; known: " + known);
            }
            values.put(name, args[++i]);
        }
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    long number(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects a whole number, got '" + v + "'");
        }
    }

    int integer(String key, int fallback) {
        return Math.toIntExact(number(key, fallback));
    }
}
