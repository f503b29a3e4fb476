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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An inline SVG line chart: time on x (seconds from the recording's start), the values on y,
 * linear from zero or on a log scale with zero on a band of its own; one path per line, each line
 * with its own colour, dash pattern and marker so that lines on top of each other stay visible,
 * and a legend that says "same as" for a line equal to an earlier one. Gauges are drawn as steps;
 * a line breaks (a new move-to) where no point came for longer than its gap; GC pauses (grey
 * bands) and tuner decisions (orange triangles) are marked on the time axis, each with a tooltip.
 * No script, no external resource.
 */
final class SvgChart {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};
    /** Dash patterns by line, after the colours: the second line is dashed, the third dotted… */
    static final String[] DASHES = {"", "8 4", "2 3", "10 3 2 3", "5 5", "1 4"};
    static final String GC_COLOR = "#888888";
    static final String TUNER_COLOR = "#e6550d";
    private static final int WIDTH = 960;
    private static final int HEIGHT = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int LEGEND_ROW = 18;
    private static final int LEGEND_COLUMNS = 2;
    /** The band below the lowest decade of a log scale where zeros are drawn. */
    private static final int ZERO_BAND = 22;
    /** The most markers per line: every k-th point beyond. */
    private static final int MAX_MARKERS = 40;
    /** Up to this many marks each is drawn; beyond, one per kind and pixel column. */
    private static final int MAX_MARKS_EACH = 500;
    /** Log scales show at most this many decades down from the top. */
    private static final int MAX_DECADES = 6;
    /** A step between two points longer than this many sampling periods is a gap in the data. */
    static final double GAP_PERIODS = 2;

    private SvgChart() {
    }

    /** Where values go on the chart: x from seconds, y from values. */
    private record Frame(Doc.Chart chart, double tMax, double vMax, int loDecade, int hiDecade) {
        int plotW() {
            return WIDTH - LEFT - RIGHT;
        }

        int plotH() {
            return HEIGHT - TOP - BOTTOM;
        }

        double x(long timeNanos) {
            return LEFT + plotW() * Math.max(0, (timeNanos - chart.originNanos()) / 1e9) / tMax;
        }

        double y(double v) {
            int bottom = TOP + plotH();
            if (chart.scale() == Doc.Scale.LINEAR) {
                return bottom - plotH() * Math.min(1.0, Math.max(0.0, v / vMax));
            }
            if (!(v > 0)) {
                return bottom;
            }
            double f = (Math.log10(v) - loDecade) / (hiDecade - loDecade);
            return bottom - ZERO_BAND - (plotH() - ZERO_BAND) * Math.min(1.0, Math.max(0.0, f));
        }
    }

    static String render(Doc.Chart c) {
        StringBuilder b = new StringBuilder();
        boolean hasMarks = !c.marks().isEmpty();
        int legendRows = (c.lines().size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS + (hasMarks ? 1 : 0);
        int height = HEIGHT + legendRows * LEGEND_ROW;
        b.append("<svg class=\"chart\" id=\"").append(HtmlRenderer.escape(c.id()))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(HtmlRenderer.escape(c.title())).append("\">\n");
        b.append("<title>").append(HtmlRenderer.escape(c.title())).append("</title>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        Frame f = frame(c);
        axes(b, f);
        marks(b, f);
        int points = 0;
        List<Doc.Line> lines = c.lines();
        for (int li = 0; li < lines.size(); li++) {
            points += lines.get(li).points().size();
            line(b, f, lines.get(li), li);
        }
        if (points == 0) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"14\" "
                    + "text-anchor=\"middle\" fill=\"#888888\">no data</text>%n", LEFT + f.plotW() / 2,
                    TOP + f.plotH() / 2));
        }
        legend(b, c);
        b.append("</svg>\n");
        return b.toString();
    }

    private static Frame frame(Doc.Chart c) {
        double tMax = (c.endNanos() - c.originNanos()) / 1e9;
        double vMax = 0;
        double vMinPositive = Double.MAX_VALUE;
        for (Doc.Line line : c.lines()) {
            for (TimeSeries.Point p : line.points()) {
                tMax = Math.max(tMax, (p.timeNanos() - c.originNanos()) / 1e9);
                vMax = Math.max(vMax, p.mean());
                if (p.mean() > 0) {
                    vMinPositive = Math.min(vMinPositive, p.mean());
                }
            }
        }
        tMax = tMax <= 0 ? 1 : tMax;
        if (c.scale() == Doc.Scale.LOG) {
            int hi = c.unit() == Doc.Unit.RATIO ? 0 : (int) Math.ceil(Math.log10(Math.max(vMax, 1e-300)));
            int lo = vMinPositive == Double.MAX_VALUE ? hi - 3 : (int) Math.floor(Math.log10(vMinPositive));
            lo = Math.max(hi - MAX_DECADES, Math.min(lo, hi - 1));
            return new Frame(c, tMax, Math.pow(10, hi), lo, hi);
        }
        if (c.unit() == Doc.Unit.RATIO) {
            vMax = 1.0;
        }
        vMax = c.unit() == Doc.Unit.BYTES ? niceBytes(vMax) : niceCeiling(vMax);
        return new Frame(c, tMax, vMax, 0, 0);
    }

    private static void axes(StringBuilder b, Frame f) {
        Doc.Chart c = f.chart();
        int plotW = f.plotW();
        int plotH = f.plotH();
        b.append("<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#444444\">\n");
        List<double[]> ticks = new ArrayList<>(); // value, y
        if (c.scale() == Doc.Scale.LOG) {
            ticks.add(new double[] {0, f.y(0)});
            for (int d = f.loDecade(); d <= f.hiDecade(); d++) {
                ticks.add(new double[] {Math.pow(10, d), f.y(Math.pow(10, d))});
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                ticks.add(new double[] {f.vMax() * i / 4, TOP + plotH - plotH * i / 4.0});
            }
        }
        for (double[] t : ticks) {
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n", LEFT, t[1],
                    LEFT + plotW, t[1]));
            String label = c.scale() == Doc.Scale.LOG && t[0] == 0 ? "0" : ChartStats.format(t[0], c.unit());
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s"
                    + "</text>%n", LEFT - 6, t[1] + 4, HtmlRenderer.escape(label)));
        }
        for (int i = 0; i <= 5; i++) {
            double t = f.tMax() * i / 5;
            double x = LEFT + plotW * i / 5.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    TOP + plotH + 16, String.format(Locale.ROOT, f.tMax() < 10 ? "%.1f s" : "%.0f s", t)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888888\"/>%n",
                LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888888\"/>%n",
                LEFT, TOP, LEFT, TOP + plotH));
        b.append("</g>\n");
    }

    /** GC pauses as grey bands across the plot, tuner decisions as orange triangles on its top edge. */
    private static void marks(StringBuilder b, Frame f) {
        if (f.chart().marks().isEmpty()) {
            return;
        }
        boolean many = f.chart().marks().size() > MAX_MARKS_EACH;
        Set<Long> drawn = new HashSet<>(); // with many: one mark per kind and pixel column, thousands of GCs stay small
        b.append("<g class=\"marks\">\n");
        for (Doc.Mark m : f.chart().marks()) {
            double x = f.x(m.timeNanos());
            if (many && !drawn.add(Math.round(x) * 2 + m.kind().ordinal())) {
                continue;
            }
            String title = "<title>" + HtmlRenderer.escape(m.label()) + "</title>";
            if (m.kind() == Doc.MarkKind.GC_PAUSE) {
                double w = Math.max(1.5, f.plotW() * (m.durationNanos() / 1e9) / f.tMax());
                b.append(String.format(Locale.ROOT, "<rect class=\"gc-pause\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                        + "height=\"%d\" fill=\"%s\" fill-opacity=\"0.3\">%s</rect>%n", x, TOP, w, f.plotH(),
                        GC_COLOR, title));
            } else {
                b.append(String.format(Locale.ROOT, "<path class=\"tuner-decision\" d=\"M%.1f %d l-5 -9 h10 z\" "
                        + "fill=\"%s\">%s</path>%n", x, TOP + 1, TUNER_COLOR, title));
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                        + " stroke-opacity=\"0.5\" stroke-dasharray=\"2 3\"/>%n", x, TOP, x, TOP + f.plotH(),
                        TUNER_COLOR));
            }
        }
        b.append("</g>\n");
    }

    private static void line(StringBuilder b, Frame f, Doc.Line line, int index) {
        String color = COLORS[index % COLORS.length];
        String dash = DASHES[index % DASHES.length];
        StringBuilder d = new StringBuilder();
        List<double[]> at = new ArrayList<>();
        for (List<TimeSeries.Point> segment : segments(line.points(), line.gapNanos())) {
            for (int i = 0; i < segment.size(); i++) {
                TimeSeries.Point p = segment.get(i);
                double x = f.x(p.timeNanos());
                double y = f.y(p.mean());
                at.add(new double[] {x, y});
                if (i == 0) {
                    d.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
                } else if (line.shape() == Doc.Shape.STEP) {
                    d.append(String.format(Locale.ROOT, " H%.1f V%.1f", x, y));
                } else {
                    d.append(String.format(Locale.ROOT, " L%.1f %.1f", x, y));
                }
            }
            if (segment.size() == 1) { // a lone point: a short tick so that it shows as a line, not only a marker
                d.append(String.format(Locale.ROOT, " h%.1f", line.shape() == Doc.Shape.STEP ? 4.0 : 0.1));
            }
            d.append(' ');
        }
        if (d.isEmpty()) {
            return;
        }
        b.append("<path class=\"series ").append(line.shape() == Doc.Shape.STEP ? "step" : "linear")
                .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append(" d=\"")
                .append(d.toString().trim()).append("\"><title>").append(HtmlRenderer.escape(line.name()))
                .append("</title></path>\n");
        int every = Math.max(1, (at.size() + MAX_MARKERS - 1) / MAX_MARKERS);
        for (int i = 0; i < at.size(); i += every) {
            b.append(marker(index, at.get(i)[0], at.get(i)[1], color));
        }
    }

    /** A circle, square, triangle or diamond by line. */
    private static String marker(int index, double x, double y, String color) {
        String shape = switch (index % 4) {
            case 0 -> String.format(Locale.ROOT, "<circle class=\"marker\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"", x, y);
            case 1 -> String.format(Locale.ROOT, "<rect class=\"marker\" x=\"%.1f\" y=\"%.1f\" width=\"6\" "
                    + "height=\"6\"", x - 3, y - 3);
            case 2 -> String.format(Locale.ROOT, "<path class=\"marker\" d=\"M%.1f %.1f l4 7 h-8 z\"", x, y - 4);
            default -> String.format(Locale.ROOT, "<path class=\"marker\" d=\"M%.1f %.1f l4 4 l-4 4 l-4 -4 z\"", x,
                    y - 4);
        };
        return shape + " fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\"/>\n";
    }

    private static void legend(StringBuilder b, Doc.Chart c) {
        int columnWidth = (WIDTH - LEFT) / LEGEND_COLUMNS;
        List<Doc.Line> lines = c.lines();
        for (int li = 0; li < lines.size(); li++) {
            Doc.Line line = lines.get(li);
            String color = COLORS[li % COLORS.length];
            String dash = DASHES[li % DASHES.length];
            int lx = LEFT + (li % LEGEND_COLUMNS) * columnWidth;
            int ly = HEIGHT + (li / LEGEND_COLUMNS) * LEGEND_ROW;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>", lx, ly - 4, lx + 26, ly - 4, color,
                    dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
            b.append(marker(li, lx + 13, ly - 4, color));
            String same = sameAs(lines, li);
            String name = abbreviate(line.name(), same == null ? 56 : 28)
                    + (same == null ? "" : " (same as " + abbreviate(same, 24) + ")");
            b.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\" font-family=\"sans-serif\""
                    + " font-size=\"12\" fill=\"#222222\">%s</text>%n", lx + 32, ly, HtmlRenderer.escape(name)));
        }
        if (!c.marks().isEmpty()) {
            int ly = HEIGHT + ((lines.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS) * LEGEND_ROW;
            long gcs = c.marks().stream().filter(m -> m.kind() == Doc.MarkKind.GC_PAUSE).count();
            long decisions = c.marks().size() - gcs;
            int x = LEFT;
            if (gcs > 0) {
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"12\" fill=\"%s\" "
                        + "fill-opacity=\"0.3\"/><text class=\"legend\" x=\"%d\" y=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\" fill=\"#222222\">%s</text>%n", x, ly - 10, GC_COLOR, x + 16, ly,
                        Units.plural(gcs, "GC pause") + " (band: its length)"));
                x += columnWidth;
            }
            if (decisions > 0) {
                b.append(String.format(Locale.ROOT, "<path d=\"M%d %d l-5 -9 h10 z\" fill=\"%s\"/><text "
                        + "class=\"legend\" x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\" "
                        + "fill=\"#222222\">%s</text>%n", x + 5, ly, TUNER_COLOR, x + 16, ly,
                        Units.plural(decisions, "tuner decision")));
            }
        }
    }

    /**
     * The name of the first earlier line with the same values as line {@code index} at the same
     * samples (times within a tenth of the usual step: two caches' statistics come microseconds
     * apart), or null.
     */
    static String sameAs(List<Doc.Line> lines, int index) {
        List<TimeSeries.Point> mine = lines.get(index).points();
        if (mine.isEmpty()) {
            return null;
        }
        long tolerance = Math.max(1_000_000L, medianStep(mine) / 10);
        for (int i = 0; i < index; i++) {
            if (same(lines.get(i).points(), mine, tolerance)) {
                return lines.get(i).name();
            }
        }
        return null;
    }

    private static boolean same(List<TimeSeries.Point> a, List<TimeSeries.Point> b, long toleranceNanos) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            TimeSeries.Point p = a.get(i);
            TimeSeries.Point q = b.get(i);
            if (p.mean() != q.mean() || Math.abs(p.timeNanos() - q.timeNanos()) > toleranceNanos) {
                return false;
            }
        }
        return true;
    }

    private static long medianStep(List<TimeSeries.Point> points) {
        if (points.size() < 2) {
            return 0;
        }
        long[] steps = new long[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            steps[i - 1] = points.get(i).timeNanos() - points.get(i - 1).timeNanos();
        }
        Arrays.sort(steps);
        return steps[(steps.length - 1) / 2];
    }

    /**
     * The line's points cut where data is missing: a step longer than {@code gapNanos} (when 0,
     * {@value #GAP_PERIODS} times the line's median step, about its sampling period) ends a
     * segment, so no line is drawn across a time without data (a JVM that stopped, the time between
     * two recordings, intervals without allocations).
     */
    static List<List<TimeSeries.Point>> segments(List<TimeSeries.Point> points, long gapNanos) {
        if (points.size() < 2) {
            return points.isEmpty() ? List.of() : List.of(points);
        }
        long[] steps = new long[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            steps[i - 1] = points.get(i).timeNanos() - points.get(i - 1).timeNanos();
        }
        double gap = gapNanos;
        if (gap <= 0) {
            if (points.size() < 3) {
                return List.of(points);
            }
            gap = GAP_PERIODS * Math.max(1, medianStep(points));
        }
        List<List<TimeSeries.Point>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] > gap) {
                out.add(points.subList(from, i + 1));
                from = i + 1;
            }
        }
        out.add(points.subList(from, points.size()));
        return out;
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
