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

import java.math.BigDecimal;
import java.math.MathContext;

/** A chart line summed up in words, for the formats that draw no charts. */
final class ChartStats {
    private ChartStats() {
    }

    static String of(Doc.Line line, Doc.Unit unit) {
        if (line.points().isEmpty()) {
            return "no data";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (TimeSeries.Point p : line.points()) {
            min = Math.min(min, p.min());
            max = Math.max(max, p.max());
            sum += p.mean();
        }
        double mean = sum / line.points().size();
        return format(min, unit) + " / " + format(mean, unit) + " / " + format(max, unit) + " over "
                + Units.plural(line.points().size(), "point");
    }

    static String format(double v, Doc.Unit unit) {
        return switch (unit) {
            case RATE -> Units.rate(v);
            case RATIO -> v > 0 && v < 1e-4 ? new BigDecimal(v * 100).round(new MathContext(2)).stripTrailingZeros()
                    .toPlainString() + " %" : Units.percent(v);
            case BYTES -> Units.bytes(Math.round(v));
            case PAGES -> v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
        };
    }
}
