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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The allocation flame graph of the HTML report: one inline SVG drawn here (so it shows without
 * script too) and a small inline script for search and zoom; nothing fetched from the network.
 * Each box is a method (class and name: lines and overloads merge), its width its share of the
 * samples; the root is at the bottom and the allocating method on top of its callers. Clicking a box
 * zooms to it; the search box takes a regular expression, colours the matching frames and shows the
 * share of samples under them; {@code #search=REGEX} in the page's address searches on load.
 * Boxes narrower than {@link #MIN_WIDTH_PX} at full width, and nodes beyond {@link #MAX_NODES}, are
 * left out; the SVG is {@link #WIDTH_PX} wide, readable in a 1,400-pixel window.
 */
final class FlameGraph {
    static final int WIDTH_PX = 1160;
    static final int ROW_PX = 17;
    static final int MAX_NODES = 6000;
    static final double MIN_WIDTH_PX = 0.1;
    /** The fill of a frame the search matches. */
    static final String MATCH_FILL = "#ee00ee";
    private static final double CHAR_PX = 7;

    /** A frame of the merged tree: a method called from one path of callers. */
    static final class Node {
        final String name;
        final String label;
        long samples;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name, String label) {
            this.name = name;
            this.label = label;
        }

        Node child(String childName, String childLabel) {
            return children.computeIfAbsent(childName, k -> new Node(childName, childLabel));
        }

        List<Node> byWeight() {
            List<Node> out = new ArrayList<>(children.values());
            out.sort(Comparator.comparingLong((Node n) -> -n.samples).thenComparing(n -> n.name));
            return out;
        }
    }

    private FlameGraph() {
    }

    /** The stacks merged root first: every sample is under the root "all", also those without a kept stack. */
    static Node tree(AllocationSites sites) {
        Node root = new Node("all", "all");
        for (AllocationSites.Stack s : sites.stacks()) {
            Node n = root;
            for (int i = s.frames.size() - 1; i >= 0; i--) {
                StackFrame f = s.frames.get(i);
                n = n.child(f.qualified(), f.label());
                n.samples += s.samples;
            }
        }
        if (sites.otherStacks > 0) {
            root.child(CollapsedStacks.OTHER_STACKS, CollapsedStacks.OTHER_STACKS).samples += sites.otherStacks;
        }
        if (sites.withoutStack > 0) {
            root.child(CollapsedStacks.NO_STACK, CollapsedStacks.NO_STACK).samples += sites.withoutStack;
        }
        root.samples = sites.samples;
        return root;
    }

    /** A laid-out frame: its depth (0 the root) and its span, as shares of all samples. */
    private record Box(Node node, int depth, double x, double w) {
    }

    /** The graph as one HTML fragment (a div with the search bar and the SVG, then its script). */
    static String render(String id, AllocationSites sites) {
        Node root = tree(sites);
        List<Box> boxes = new ArrayList<>();
        layout(root, 0, 0, root.samples, boxes);
        int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0);
        int height = (depth + 1) * ROW_PX + 4;
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"flame\" id=\"").append(HtmlRenderer.escape(id))
                .append("\" style=\"overflow-x:auto; margin:4px 0 20px 0;\">\n")
                .append("<div style=\"margin:4px 0; font-size:13px;\"><input type=\"search\" size=\"40\"")
                .append(" placeholder=\"search frames (regular expression)\" aria-label=\"search frames\">")
                .append(" <button type=\"button\">Reset zoom</button> <span class=\"flame-match\"></span></div>\n")
                .append("<svg class=\"flame-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH_PX)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH_PX).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"allocation flame graph\"")
                .append(" font-family=\"sans-serif\" font-size=\"12\" style=\"border:1px solid #dddddd;")
                .append(" cursor:pointer;\">\n");
        for (Box box : boxes) {
            box(b, box, height - 2 - (box.depth() + 1) * ROW_PX);
        }
        b.append("</svg>\n</div>\n<script>").append(SCRIPT.replace("$ID$", id)).append("</script>\n");
        return b.toString();
    }

    /** Lays out {@code n} and its children at {@code x} (a share of all samples). */
    private static void layout(Node n, int depth, double x, long total, List<Box> boxes) {
        double w = total == 0 ? 0 : (double) n.samples / total;
        if (boxes.size() >= MAX_NODES || w * WIDTH_PX < MIN_WIDTH_PX) {
            return;
        }
        boxes.add(new Box(n, depth, x, w));
        double cx = x;
        for (Node c : n.byWeight()) {
            layout(c, depth + 1, cx, total, boxes);
            cx += (double) c.samples / total;
        }
    }

    private static void box(StringBuilder b, Box box, int y) {
        Node n = box.node();
        String fill = colour(n, box.depth());
        double px = box.x() * WIDTH_PX;
        double pw = box.w() * WIDTH_PX;
        String title = n.name + " (" + Units.count(n.samples) + (n.samples == 1 ? " sample, " : " samples, ")
                + Units.percent(box.w()) + ")";
        b.append(String.format(Locale.ROOT, "<g class=\"fr\" data-x=\"%.8f\" data-w=\"%.8f\" data-d=\"%d\""
                        + " data-n=\"%s\" data-l=\"%s\" data-c=\"%s\"><title>%s</title><rect x=\"%.1f\" y=\"%d\""
                        + " width=\"%.1f\" height=\"%d\" rx=\"2\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\">%s</text></g>%n",
                box.x(), box.w(), box.depth(), HtmlRenderer.escape(n.name), HtmlRenderer.escape(n.label), fill,
                HtmlRenderer.escape(title), px, y, Math.max(0.5, pw - 1), ROW_PX - 1, fill, px + 3, y + ROW_PX - 5,
                HtmlRenderer.escape(fit(n.label, pw))));
    }

    /** The label cut to what fits {@code px} pixels (as the script does on zoom). */
    static String fit(String label, double px) {
        int chars = (int) Math.floor((px - 6) / CHAR_PX);
        if (chars < 2) {
            return "";
        }
        return label.length() <= chars ? label : label.substring(0, chars - 2) + "..";
    }

    /** flamegraph.pl's palettes: warm for the application, yellow for the JDK, grey for the root and pseudo-frames. */
    private static String colour(Node n, int depth) {
        if (depth == 0 || n.name.startsWith("[")) {
            return "#c8c8c8";
        }
        int h = n.name.hashCode();
        double v1 = ((h >>> 8) & 0xFF) / 255.0;
        double v2 = (h & 0xFF) / 255.0;
        double v3 = ((h >>> 16) & 0xFF) / 255.0;
        boolean jdk = n.name.startsWith("java.") || n.name.startsWith("jdk.") || n.name.startsWith("sun.")
                || n.name.startsWith("javax.");
        int r = jdk ? 175 + (int) (55 * v3) : 205 + (int) (50 * v3);
        int g = jdk ? 175 + (int) (55 * v3) : (int) (230 * v1);
        int bl = jdk ? 50 + (int) (20 * v2) : (int) (55 * v2);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    /** Search and zoom; {@code $ID$} is the graph's div. */
    private static final String SCRIPT = """
            (function (id) {
              var box = document.getElementById(id);
              if (!box) { return; }
              var svg = box.querySelector('svg');
              var W = +svg.getAttribute('width');
              var frames = Array.prototype.slice.call(svg.querySelectorAll('g.fr'));
              var input = box.querySelector('input');
              var out = box.querySelector('.flame-match');
              var zoom = {x: 0, w: 1, d: 0};
              function attr(g, n) { return g.getAttribute(n); }
              function fit(label, px) {
                var n = Math.floor((px - 6) / 7);
                if (n < 2) { return ''; }
                return label.length <= n ? label : label.substring(0, n - 2) + '..';
              }
              function draw() {
                frames.forEach(function (g) {
                  var x = +attr(g, 'data-x'), w = +attr(g, 'data-w'), d = +attr(g, 'data-d'), px, pw;
                  var eps = 1e-9;
                  if (d < zoom.d) {
                    if (x > zoom.x + eps || x + w < zoom.x + zoom.w - eps) { g.style.display = 'none'; return; }
                    px = 0; pw = W; g.style.opacity = '0.55';
                  } else {
                    if (x < zoom.x - eps || x + w > zoom.x + zoom.w + eps) { g.style.display = 'none'; return; }
                    px = (x - zoom.x) / zoom.w * W; pw = w / zoom.w * W; g.style.opacity = '';
                  }
                  if (pw < 0.1) { g.style.display = 'none'; return; }
                  g.style.display = '';
                  var r = g.querySelector('rect'), t = g.querySelector('text');
                  r.setAttribute('x', px.toFixed(1));
                  r.setAttribute('width', Math.max(0.5, pw - 1).toFixed(1));
                  t.setAttribute('x', (px + 3).toFixed(1));
                  t.textContent = fit(attr(g, 'data-l'), pw);
                });
              }
              function search(q) {
                var re = null, spans = [], total = 0, end = -1;
                if (q) { try { re = new RegExp(q, 'i'); } catch (e) { re = null; } }
                frames.forEach(function (g) {
                  var hit = re !== null && re.test(attr(g, 'data-n'));
                  g.querySelector('rect').setAttribute('fill', hit ? '#ee00ee' : attr(g, 'data-c'));
                  g.setAttribute('class', hit ? 'fr match' : 'fr');
                  if (hit) { spans.push([+attr(g, 'data-x'), +attr(g, 'data-x') + +attr(g, 'data-w')]); }
                });
                spans.sort(function (a, b) { return a[0] - b[0]; });
                spans.forEach(function (s) {
                  if (s[0] >= end) { total += s[1] - s[0]; end = s[1]; }
                  else if (s[1] > end) { total += s[1] - end; end = s[1]; }
                });
                out.textContent = !q ? '' : re === null ? 'not a regular expression'
                    : 'Matched: ' + (100 * total).toFixed(2) + ' % of samples (' + spans.length
                        + (spans.length === 1 ? ' frame)' : ' frames)');
              }
              svg.addEventListener('click', function (ev) {
                var g = ev.target.closest ? ev.target.closest('g.fr') : null;
                if (!g) { return; }
                zoom = {x: +attr(g, 'data-x'), w: +attr(g, 'data-w'), d: +attr(g, 'data-d')};
                draw();
              });
              box.querySelector('button').addEventListener('click', function () { zoom = {x: 0, w: 1, d: 0}; draw(); });
              input.addEventListener('input', function () { search(input.value); });
              var m = /[#&]search=([^&]*)/.exec(location.hash);
              if (m) { input.value = decodeURIComponent(m[1]); search(input.value); }
            })('$ID$');
            """;
}
