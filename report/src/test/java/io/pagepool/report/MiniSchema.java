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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON Schema (2020-12) validator for the keywords report.schema.json uses. A keyword it does not
 * know fails the validation, so the schema cannot say more than the test checks.
 */
final class MiniSchema {
    private static final Set<String> KNOWN = Set.of("$schema", "$id", "title", "description", "$defs", "$ref", "type",
            "const", "enum", "required", "properties", "additionalProperties", "items", "minItems", "minimum",
            "maximum", "minLength", "oneOf");

    private final Map<String, Object> root;
    private final List<String> errors = new ArrayList<>();

    private MiniSchema(Map<String, Object> root) {
        this.root = root;
    }

    /** The violations of {@code document} against {@code schema}; empty when it is valid. */
    static List<String> validate(Map<String, Object> schema, Object document) {
        MiniSchema v = new MiniSchema(schema);
        v.check(schema, document, "$");
        return v.errors;
    }

    private boolean check(Map<String, Object> s, Object v, String path) {
        int before = errors.size();
        for (String k : s.keySet()) {
            if (!KNOWN.contains(k)) {
                errors.add(path + ": schema keyword " + k + " is not supported by this validator");
            }
        }
        if (s.containsKey("$ref")) {
            String ref = (String) s.get("$ref");
            if (!ref.startsWith("#/$defs/")) {
                errors.add(path + ": unsupported $ref " + ref);
            } else {
                Map<String, Object> target = MiniJson.obj(root, "$defs", ref.substring("#/$defs/".length()));
                check(target, v, path);
            }
        }
        if (s.containsKey("type") && !typeMatches(s.get("type"), v)) {
            errors.add(path + ": expected " + s.get("type") + ", found " + describe(v));
            return false;
        }
        if (s.containsKey("const") && !Objects.equals(s.get("const"), v)) {
            errors.add(path + ": expected " + s.get("const") + ", found " + v);
        }
        if (s.containsKey("enum") && !MiniJson.list(s, "enum").contains(v)) {
            errors.add(path + ": " + v + " is not one of " + s.get("enum"));
        }
        if (s.containsKey("oneOf")) {
            int matches = 0;
            for (Object option : MiniJson.list(s, "oneOf")) {
                MiniSchema sub = new MiniSchema(root);
                sub.check(MiniJson.obj(option), v, path);
                if (sub.errors.isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " of the oneOf schemas, not exactly one");
            }
        }
        if (v instanceof Double d) {
            if (s.containsKey("minimum") && d < MiniJson.dbl(s, "minimum")) {
                errors.add(path + ": " + d + " < minimum " + s.get("minimum"));
            }
            if (s.containsKey("maximum") && d > MiniJson.dbl(s, "maximum")) {
                errors.add(path + ": " + d + " > maximum " + s.get("maximum"));
            }
        }
        if (v instanceof String str && s.containsKey("minLength") && str.length() < MiniJson.num(s, "minLength")) {
            errors.add(path + ": shorter than " + s.get("minLength"));
        }
        if (v instanceof List<?> list) {
            if (s.containsKey("minItems") && list.size() < MiniJson.num(s, "minItems")) {
                errors.add(path + ": fewer than " + s.get("minItems") + " items");
            }
            if (s.containsKey("items")) {
                for (int i = 0; i < list.size(); i++) {
                    check(MiniJson.obj(s.get("items")), list.get(i), path + "[" + i + "]");
                }
            }
        }
        if (v instanceof Map<?, ?> m) {
            if (s.containsKey("required")) {
                for (Object key : MiniJson.list(s, "required")) {
                    if (!m.containsKey(key)) {
                        errors.add(path + ": missing required field " + key);
                    }
                }
            }
            Map<String, Object> props = s.containsKey("properties") ? MiniJson.obj(s, "properties") : Map.of();
            Object additional = s.get("additionalProperties");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = (String) e.getKey();
                String p = path + "." + key;
                if (props.containsKey(key)) {
                    check(MiniJson.obj(props.get(key)), e.getValue(), p);
                } else if (Boolean.FALSE.equals(additional)) {
                    errors.add(p + ": field not documented in the schema");
                } else if (additional instanceof Map<?, ?>) {
                    check(MiniJson.obj(additional), e.getValue(), p);
                }
            }
        }
        return errors.size() == before;
    }

    private static boolean typeMatches(Object type, Object v) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(t, v));
        }
        return switch ((String) type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            case "number" -> v instanceof Double;
            case "integer" -> v instanceof Double d && d == Math.rint(d) && !d.isInfinite();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static String describe(Object v) {
        return v == null ? "null"
                : v.getClass().getSimpleName() + " " + String.valueOf(v).lines().findFirst().orElse("");
    }
}
