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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The project's one JSON reader (the report's tests read the report's JSON with it, the
 * benchmarks JMH's {@code -rf json}): objects become {@link LinkedHashMap}s in their order,
 * arrays {@link ArrayList}s, numbers {@link Double}s, plus strings, booleans and null. Strict
 * RFC 8259: a duplicate key, a control character in a string, a number outside JSON's grammar or
 * trailing text is an error; only {@link #parseAllowingNonFinite} also takes the bare {@code NaN}
 * and {@code Infinity} tokens some JMH versions write for empty scores. Input in memory, no
 * streaming. Stateless for the caller; each call uses its own instance.
 */
public final class JsonParser {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final String TOKEN_END = "{}[],: \t\r\n";

    private final String text;
    private final boolean nonFinite;
    private int at;

    private JsonParser(String text, boolean nonFinite) {
        this.text = text;
        this.nonFinite = nonFinite;
    }

    /**
     * The one JSON value that fills {@code text}.
     *
     * @throws IllegalArgumentException when {@code text} is not strict JSON (the message says where)
     */
    public static Object parse(String text) {
        return new JsonParser(text, false).document();
    }

    /**
     * {@link #parse} that also takes {@code NaN}, {@code Infinity} and {@code -Infinity} as numbers.
     *
     * @throws IllegalArgumentException when {@code text} is not JSON with those tokens
     */
    public static Object parseAllowingNonFinite(String text) {
        return new JsonParser(text, true).document();
    }

    private Object document() {
        Object value = value();
        skipSpace();
        if (at != text.length()) {
            throw error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return switch (text.charAt(at)) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            default -> literal();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (take('}')) {
            return map;
        }
        do {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("expected a key");
            }
            String key = string();
            skipSpace();
            expect(':');
            if (map.containsKey(key)) {
                throw error("duplicate key " + key);
            }
            map.put(key, value());
            skipSpace();
        } while (take(','));
        expect('}');
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (take(']')) {
            return list;
        }
        do {
            list.add(value());
            skipSpace();
        } while (take(','));
        expect(']');
        return list;
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '"', '\\', '/' -> out.append(e);
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private char unicodeEscape() {
        if (at + 4 > text.length()) {
            throw error("short \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private Object literal() {
        int start = at;
        while (at < text.length() && TOKEN_END.indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String token = text.substring(start, at);
        switch (token) {
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "null" -> {
                return null;
            }
            default -> {
            }
        }
        if (nonFinite) {
            switch (token) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                }
            }
        }
        if (!NUMBER.matcher(token).matches()) {
            at = start;
            throw error("unexpected '" + token + "'");
        }
        return Double.parseDouble(token);
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!take(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + at + ": "
                + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)));
    }
}
