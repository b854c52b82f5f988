package io.logos.delivery.bench;

import java.util.Arrays;
import java.util.Locale;

/** Summary statistics of a sample: mean, sample standard deviation, extremes and percentiles. */
public record Stats(int count, double mean, double stdev, double min, double median, double max) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double squares = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
        double stdev = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0;
        return new Stats(sorted.length, mean, stdev, sorted[0], percentile(sorted, 50), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile {@code p} (0..100) of an ascending array. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /** The nearest-rank percentile {@code p} (0..100) of an ascending array. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /** Standard deviation relative to the mean, in percent. */
    public double relativeStdevPercent() {
        return mean == 0 ? 0 : 100 * stdev / mean;
    }

    /** e.g. {@code 123.4 ± 5.6 (min 110.0, median 124.0, max 130.1, n=10)}. */
    public String format(String pattern) {
        return String.format(Locale.ROOT, pattern + " ± " + pattern + " (min " + pattern + ", median " + pattern
                + ", max " + pattern + ", n=%d)", mean, stdev, min, median, max, count);
    }
}
