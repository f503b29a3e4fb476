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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the report's inline SVG charts back: a chart by title, a line's path, its points. */
final class Svg {
    private Svg() {
    }

    /** The charts of {@code html} whose title starts with {@code title}, in page order. */
    static List<String> charts(String html, String title) {
        List<String> out = new ArrayList<>();
        String start = "<svg class=\"chart\"";
        for (int at = html.indexOf(start); at >= 0; at = html.indexOf(start, at + 1)) {
            String svg = html.substring(at, html.indexOf("</svg>", at) + "</svg>".length());
            if (svg.contains("aria-label=\"" + HtmlRenderer.escape(title))) {
                out.add(svg);
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("no chart titled " + title);
        }
        return out;
    }

    /** The {@code <path class="series …">} element of line {@code name} in {@code svg}. */
    static String path(String svg, String name) {
        Matcher m = Pattern.compile("<path class=\"series [^>]*><title>" + Pattern.quote(HtmlRenderer.escape(name))
                + "</title></path>").matcher(svg);
        if (!m.find()) {
            throw new AssertionError("no line " + name + " in " + svg);
        }
        return m.group();
    }

    /** The value of {@code attribute} of {@code element}, or null. */
    static String attribute(String element, String attribute) {
        Matcher m = Pattern.compile(" " + attribute + "=\"([^\"]*)\"").matcher(element);
        return m.find() ? m.group(1) : null;
    }

    /** The y coordinates a path's commands reach (M, L, V). */
    static List<Double> ys(String path) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("([MLV])([-0-9.]+)(?: ([-0-9.]+))?").matcher(attribute(path, "d"));
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1).equals("V") ? m.group(2) : m.group(3)));
        }
        return out;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
