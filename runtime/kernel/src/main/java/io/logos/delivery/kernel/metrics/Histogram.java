package io.logos.delivery.kernel.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Observations counted in buckets with fixed upper bounds (the {@code +Inf} bucket is implicit), per
 * combination of label values. Thread-safe; a collected series is consistent (its count matches its buckets).
 */
public final class Histogram extends Metric<Histogram.Series> {

    /** Prometheus's default bounds, in seconds: suits request and query durations. */
    public static final List<Double> DEFAULT_SECONDS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75,
            1.0, 2.5, 5.0, 7.5, 10.0);

    private final List<Double> upperBounds;

    Histogram(String name, String help, List<Double> upperBounds, List<String> labelNames) {
        super(name, help, labelNames);
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException(name + ": 'le' is the bucket label of a histogram");
        }
        if (upperBounds.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one bucket bound");
        }
        for (int i = 0; i < upperBounds.size(); i++) {
            requireFinite(upperBounds.get(i), name + " bucket bound");
            if (i > 0 && upperBounds.get(i) <= upperBounds.get(i - 1)) {
                throw new IllegalArgumentException(name + " bucket bounds must increase: " + upperBounds);
            }
        }
        this.upperBounds = List.copyOf(upperBounds);
    }

    public void observe(double value, String... labelValues) {
        child(labelValues).add(requireFinite(value, name()));
    }

    /** Observes a duration in seconds. */
    public void observe(Duration duration, String... labelValues) {
        observe(duration.toNanos() / 1e9, labelValues);
    }

    /** How many observations the series of {@code labelValues} holds; 0 when it was never used. */
    public long count(String... labelValues) {
        Series child = existing(labelValues);
        return child == null ? 0 : child.snapshot(List.of()).count();
    }

    @Override
    MetricType type() {
        return MetricType.HISTOGRAM;
    }

    @Override
    Series newChild() {
        return new Series(upperBounds);
    }

    @Override
    MetricSample sample(List<String> labelValues, Series child) {
        return child.snapshot(labelValues);
    }

    /** One series' buckets; observations and snapshots exclude each other, so a snapshot is consistent. */
    static final class Series {
        private final List<Double> upperBounds;
        private final long[] counts;
        private double sum;
        private long count;

        Series(List<Double> upperBounds) {
            this.upperBounds = upperBounds;
            this.counts = new long[upperBounds.size()];
        }

        synchronized void add(double value) {
            for (int i = 0; i < counts.length; i++) {
                if (value <= upperBounds.get(i)) {
                    counts[i]++;
                    break;
                }
            }
            sum += value;
            count++;
        }

        synchronized MetricSample.Distribution snapshot(List<String> labelValues) {
            List<Long> cumulative = new ArrayList<>(counts.length);
            long running = 0;
            for (long bucket : counts) {
                running += bucket;
                cumulative.add(running);
            }
            return new MetricSample.Distribution(labelValues, upperBounds, cumulative, sum, count);
        }
    }
}
