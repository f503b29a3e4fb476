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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded series behind the charts: constant memory, the right means, time order. */
class TimeSeriesTest {

    @Test
    void aMillionPointsFitTheCapacityWithTheirMeanMaxAndMinKept() {
        TimeSeries s = new TimeSeries(64);
        long n = 1_000_000;
        for (long i = 0; i < n; i++) {
            s.add(i * 1_000_000L, i % 100, 1.0);
        }
        List<TimeSeries.Point> points = s.points();
        assertTrue(points.size() <= 64 && points.size() >= 32, "bounded: " + points.size());
        double meanOfBuckets = points.stream().mapToDouble(TimeSeries.Point::mean).average().orElseThrow();
        assertEquals(49.5, meanOfBuckets, 1.0, "buckets of about equal time: their plain mean is the overall mean");
        assertEquals(99, points.stream().mapToDouble(TimeSeries.Point::max).max().orElseThrow());
        assertEquals(0, points.stream().mapToDouble(TimeSeries.Point::min).min().orElseThrow());
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i - 1).timeNanos() <= points.get(i).timeNanos());
        }
    }

    @Test
    void pointsArrivingOutOfOrderComeOutInOrderAndWeightsCount() {
        TimeSeries s = new TimeSeries(4);
        s.add(300, 3);
        s.add(100, 1);
        s.add(200, 2);
        assertEquals(List.of(100L, 200L, 300L), s.points().stream().map(TimeSeries.Point::timeNanos).toList());
        TimeSeries w = new TimeSeries(2);
        w.add(1, 1.0, 3);
        w.add(2, 0.0, 1);
        w.add(3, 0.0, 1); // halves: the first two merge into one weighted bucket
        assertEquals(0.75, w.points().getFirst().mean(), 1e-12);
        assertEquals(2, w.points().size());
    }

    @Test
    void combiningSeriesKeepsTheBound() {
        TimeSeries a = new TimeSeries(8);
        TimeSeries b = new TimeSeries(8);
        for (int i = 0; i < 100; i++) {
            a.add(i, 1);
            b.add(1000 + i, 3);
        }
        a.addAll(b);
        assertTrue(a.points().size() <= 8);
        assertEquals(3, a.points().getLast().mean(), 1e-12);
        assertEquals(1, a.points().getFirst().mean(), 1e-12);
    }
}
