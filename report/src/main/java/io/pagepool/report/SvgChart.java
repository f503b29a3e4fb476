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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line chart: time on x (seconds from the recording's start), the values on y from
 * zero, one coloured polyline per line, a legend. No script, no external resource.
 */
final class SvgChart {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    /** A step between two points this many times the usual one is a gap in the data. */
    static final double GAP_STEPS = 2.5;

    private SvgChart() {
    }

    static String render(Doc.Chart c) {
        StringBuilder b = new StringBuilder();
        int legendRows = (c.lines().size() + 2) / 3;
        int height = HEIGHT + legendRows * 18;
        b.append("<svg class=\"chart\" id=\"").append(HtmlRenderer.escape(c.id()))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(HtmlRenderer.escape(c.title())).append("\">\n");
        b.append("<title>").append(HtmlRenderer.escape(c.title())).append("</title>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");

        double tMax = 0;
        double vMax = 0;
        int points = 0;
        for (Doc.Line line : c.lines()) {
            for (TimeSeries.Point p : line.points()) {
                tMax = Math.max(tMax, seconds(p, c));
                vMax = Math.max(vMax, p.mean());
                points++;
            }
        }
        if (c.unit() == Doc.Unit.RATIO) {
            vMax = 1.0;
        }
        vMax = c.unit() == Doc.Unit.BYTES ? niceBytes(vMax) : niceCeiling(vMax);
        tMax = Math.max(tMax, (c.endNanos() - c.originNanos()) / 1e9);
        tMax = tMax <= 0 ? 1 : tMax;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        // grid and axes
        b.append("<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#444444\">\n");
        for (int i = 0; i <= 4; i++) {
            double v = vMax * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4,
                    HtmlRenderer.escape(ChartStats.format(v, c.unit()))));
        }
        for (int i = 0; i <= 5; i++) {
            double t = tMax * i / 5;
            double x = LEFT + plotW * i / 5.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    TOP + plotH + 16, String.format(Locale.ROOT, tMax < 10 ? "%.1f s" : "%.0f s", t)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888888\"/>%n",
                LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888888\"/>%n",
                LEFT, TOP, LEFT, TOP + plotH));
        b.append("</g>\n");

        if (points == 0) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"14\" "
                    + "text-anchor=\"middle\" fill=\"#888888\">no data</text>%n", LEFT + plotW / 2, TOP + plotH / 2));
        }
        for (int li = 0; li < c.lines().size(); li++) {
            Doc.Line line = c.lines().get(li);
            String color = COLORS[li % COLORS.length];
            for (List<TimeSeries.Point> segment : segments(line.points())) {
                StringBuilder coords = new StringBuilder();
                for (TimeSeries.Point p : segment) {
                    double x = LEFT + plotW * seconds(p, c) / tMax;
                    double y = TOP + plotH - plotH * Math.min(1.0, Math.max(0.0, p.mean() / vMax));
                    coords.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                if (segment.size() == 1) {
                    String[] xy = coords.toString().trim().split(",");
                    b.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1])
                            .append("\" r=\"3\" fill=\"").append(color).append("\"/>\n");
                } else {
                    b.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color)
                            .append("\" stroke-width=\"2\" points=\"").append(coords.toString().trim())
                            .append("\"/>\n");
                }
            }
            int lx = LEFT + (li % 3) * 280;
            int ly = HEIGHT + (li / 3) * 18;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    lx, ly - 10, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\""
                    + " fill=\"#222222\">%s</text>%n",
                    lx + 18, ly, HtmlRenderer.escape(abbreviate(line.name(), 40))));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /**
     * The line's points cut where data is missing: a step longer than {@value #GAP_STEPS} times the
     * line's usual step (the median, about its sampling period) ends a segment, so no line is drawn
     * across a time without data (a JVM that stopped, the time between two recordings).
     */
    static List<List<TimeSeries.Point>> segments(List<TimeSeries.Point> points) {
        if (points.size() < 3) {
            return points.isEmpty() ? List.of() : List.of(points);
        }
        long[] steps = new long[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            steps[i - 1] = points.get(i).timeNanos() - points.get(i - 1).timeNanos();
        }
        long[] sorted = steps.clone();
        Arrays.sort(sorted);
        double gapNanos = GAP_STEPS * Math.max(1, sorted[(sorted.length - 1) / 2]);
        List<List<TimeSeries.Point>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] > gapNanos) {
                out.add(points.subList(from, i + 1));
                from = i + 1;
            }
        }
        out.add(points.subList(from, points.size()));
        return out;
    }

    private static double seconds(TimeSeries.Point p, Doc.Chart c) {
        return Math.max(0, (p.timeNanos() - c.originNanos()) / 1e9);
    }

    /** 1, 2 or 5 times a power of ten, at least v (1 for 0). */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A nice ceiling in binary units: 1, 2, 2.5 or 5 times KiB, MiB, GiB… */
    static double niceBytes(double v) {
        double unit = 1;
        while (v >= unit * 1024 && unit < 0x1p40) {
            unit *= 1024;
        }
        return niceCeiling(v / unit) * unit;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
