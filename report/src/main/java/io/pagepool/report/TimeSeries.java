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
import java.util.Comparator;
import java.util.List;

/**
 * A bounded time series: at most {@code capacity} buckets whatever the recording's length. When
 * full, the buckets are sorted by time and adjacent pairs merged (weighted mean, max, min), so the
 * resolution halves and memory stays constant: a week-long recording costs what a minute does.
 * After a merge, a new value joins the last bucket while it is within the bucket width of its
 * start, so every bucket covers about the same time.
 *
 * <p>Threading: one thread (the reader) at a time.
 */
final class TimeSeries {
    /** One bucket: its mean time, weighted mean, largest and smallest value. */
    record Point(long timeNanos, double mean, double max, double min) {
    }

    private final int capacity;
    private long[] time;        // the mean time of the bucket's values (epoch nanos)
    private double[] timeSum;   // the sum of those times
    private long[] count;
    private double[] valueSum;
    private double[] weight;
    private double[] max;
    private double[] min;
    private long[] start;       // the first time in the bucket
    private int size;
    private long widthNanos;    // 0 until the first merge

    TimeSeries(int capacity) {
        if (capacity < 2 || (capacity & 1) != 0) {
            throw new IllegalArgumentException("capacity = " + capacity + " is out of range: an even number >= 2");
        }
        this.capacity = capacity;
        this.time = new long[capacity];
        this.timeSum = new double[capacity];
        this.count = new long[capacity];
        this.valueSum = new double[capacity];
        this.weight = new double[capacity];
        this.max = new double[capacity];
        this.min = new double[capacity];
        this.start = new long[capacity];
    }

    /** Adds a value at an instant with weight 1. */
    void add(long timeNanos, double value) {
        add(timeNanos, value, 1.0);
    }

    /** Adds a value at an instant; the bucket's mean is weighted by {@code w} (> 0). NaN is ignored. */
    void add(long timeNanos, double value, double w) {
        if (Double.isNaN(value) || !(w > 0)) {
            return;
        }
        if (size > 0 && widthNanos > 0) {
            int last = size - 1;
            long offset = timeNanos - start[last];
            if (offset >= 0 && offset < widthNanos) {
                timeSum[last] += timeNanos;
                count[last]++;
                time[last] = (long) (timeSum[last] / count[last]);
                valueSum[last] += value * w;
                weight[last] += w;
                max[last] = Math.max(max[last], value);
                min[last] = Math.min(min[last], value);
                return;
            }
        }
        if (size == capacity) {
            halve();
        }
        start[size] = timeNanos;
        time[size] = timeNanos;
        timeSum[size] = timeNanos;
        count[size] = 1;
        valueSum[size] = value * w;
        weight[size] = w;
        max[size] = value;
        min[size] = value;
        size++;
    }

    /** Adds every bucket of {@code other} (for the combined view of several recordings). */
    void addAll(TimeSeries other) {
        for (int i = 0; i < other.size; i++) {
            if (size == capacity) {
                halve();
            }
            start[size] = other.start[i];
            time[size] = other.time[i];
            timeSum[size] = other.timeSum[i];
            count[size] = other.count[i];
            valueSum[size] = other.valueSum[i];
            weight[size] = other.weight[i];
            max[size] = other.max[i];
            min[size] = other.min[i];
            size++;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The buckets in time order. */
    List<Point> points() {
        sort();
        List<Point> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Point(time[i], valueSum[i] / weight[i], max[i], min[i]));
        }
        return out;
    }

    private void halve() {
        sort();
        if (size > 1) {
            widthNanos = Math.max(widthNanos * 2, (start[size - 1] - start[0]) / (size / 2));
        }
        int n = 0;
        for (int i = 0; i < size; i += 2) {
            if (i + 1 == size) {
                copy(i, n++);
                break;
            }
            int j = i + 1;
            start[n] = Math.min(start[i], start[j]);
            timeSum[n] = timeSum[i] + timeSum[j];
            count[n] = count[i] + count[j];
            time[n] = (long) (timeSum[n] / count[n]);
            valueSum[n] = valueSum[i] + valueSum[j];
            weight[n] = weight[i] + weight[j];
            max[n] = Math.max(max[i], max[j]);
            min[n] = Math.min(min[i], min[j]);
            n++;
        }
        size = n;
    }

    private void copy(int from, int to) {
        start[to] = start[from];
        time[to] = time[from];
        timeSum[to] = timeSum[from];
        count[to] = count[from];
        valueSum[to] = valueSum[from];
        weight[to] = weight[from];
        max[to] = max[from];
        min[to] = min[from];
    }

    /** Sorts the buckets by time (events of one recording arrive nearly, not exactly, in order). */
    private void sort() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = time[i - 1] <= time[i];
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> time[i]));
        long[] st = new long[capacity];
        long[] t = new long[capacity];
        double[] ts = new double[capacity];
        long[] c = new long[capacity];
        double[] v = new double[capacity];
        double[] w = new double[capacity];
        double[] mx = new double[capacity];
        double[] mn = new double[capacity];
        for (int k = 0; k < size; k++) {
            int i = order[k];
            st[k] = start[i];
            t[k] = time[i];
            ts[k] = timeSum[i];
            c[k] = count[i];
            v[k] = valueSum[i];
            w[k] = weight[i];
            mx[k] = max[i];
            mn[k] = min[i];
        }
        start = st;
        time = t;
        timeSum = ts;
        count = c;
        valueSum = v;
        weight = w;
        max = mx;
        min = mn;
    }
}
