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

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number formatting shared by the renderers: bytes, rates, ratios, durations, times. */
final class Units {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Units() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 page", "2,048 pages". */
    static String plural(long n, String noun) {
        return count(n) + " " + (n == 1 ? noun : noun + "s");
    }

    /** 1.5 MiB, 512 B, 3.0 GiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** 12.3 k/s, 1.2 M/s, 950/s. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** 0..1 as 97.25 %. */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    /** 1.234 s, 12.5 ms, 830 µs — ASCII "us" to stay plain. */
    static String duration(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String time(long epochNanos) {
        if (epochNanos == Long.MAX_VALUE || epochNanos == Long.MIN_VALUE) {
            return "-";
        }
        return TIME.format(instant(epochNanos));
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** An agent option size: 64m, 512k, 2g, or plain bytes when no suffix divides it. */
    static String agentSize(long bytesValue) {
        if (bytesValue > 0 && bytesValue % (1L << 30) == 0) {
            return (bytesValue >> 30) + "g";
        }
        if (bytesValue > 0 && bytesValue % (1L << 20) == 0) {
            return (bytesValue >> 20) + "m";
        }
        if (bytesValue > 0 && bytesValue % (1L << 10) == 0) {
            return (bytesValue >> 10) + "k";
        }
        return Long.toString(bytesValue);
    }

    /** The smallest power of two >= n (n >= 1). */
    static long ceilPow2(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }
}
