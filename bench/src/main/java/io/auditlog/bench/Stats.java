package io.auditlog.bench;

import java.util.Arrays;

/** Percentiles of measured durations, by the nearest-rank method, in milliseconds. */
public final class Stats {

    private Stats() {
    }

    public record Summary(int count, double p50, double p90, double p99, double max, double mean) {
    }

    public static Summary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Summary(sorted.length, millis(rank(sorted, 50)), millis(rank(sorted, 90)),
                millis(rank(sorted, 99)), millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    /** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
