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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON reader: every JSON value, strict where JSON is, NaN and Infinity only when asked. */
class JsonParserTest {
    @Test
    void readsEveryKindOfValueInOrder() {
        Object v = JsonParser.parse(" {\"b\": [1, -2.5e3, 0.25], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\n\\t\\u00e9\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "s"), List.copyOf(m.keySet()), "keys in document order");
        assertEquals(List.of(1.0, -2500.0, 0.25), m.get("b"));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(Boolean.FALSE, a.get("f"));
        assertTrue(a.containsKey("n"));
        assertNull(a.get("n"));
        assertEquals("q\"\\/\n\té", m.get("s"));
        assertEquals(List.of(), JsonParser.parse("[]"));
        assertEquals(Map.of(), JsonParser.parse("{}"));
    }

    @Test
    void rejectsWhatIsNotStrictJson() {
        for (String bad : Arrays.asList("", "{", "[1,]", "{\"a\":1,\"a\":2}", "\"tab\there\"", "01", "1.", ".5",
                "0x10", "1d", "+1", "NaN", "Infinity", "[1] x", "{a:1}", "\"\\x\"", "\"\\u12\"", "tru")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
        }
    }

    @Test
    void takesNonFiniteNumbersOnlyWhenAsked() {
        assertEquals(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0),
                JsonParser.parseAllowingNonFinite("[NaN, Infinity, -Infinity, 1]"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parseAllowingNonFinite("[nan]"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parseAllowingNonFinite("{\"a\":1,\"a\":1}"));
    }
}
