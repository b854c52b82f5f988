package io.logos.delivery.kernel.metrics;

import java.util.List;

/** One labelled series of a {@link MetricFamily}, at the time it was collected. */
public sealed interface MetricSample {

    /** The label values, in the order of the family's label names. */
    List<String> labelValues();

    /** A counter's or a gauge's value. */
    record Value(List<String> labelValues, double value) implements MetricSample {

        public Value {
            labelValues = List.copyOf(labelValues);
        }
    }

    /**
     * A histogram's buckets: {@code cumulativeCounts.get(i)} observations were at most {@code upperBounds.get(i)};
     * {@code count} is every observation (the {@code +Inf} bucket), {@code sum} their total.
     */
    record Distribution(List<String> labelValues, List<Double> upperBounds, List<Long> cumulativeCounts, double sum,
                        long count) implements MetricSample {

        public Distribution {
            labelValues = List.copyOf(labelValues);
            upperBounds = List.copyOf(upperBounds);
            cumulativeCounts = List.copyOf(cumulativeCounts);
            if (upperBounds.size() != cumulativeCounts.size()) {
                throw new IllegalArgumentException(upperBounds.size() + " bucket bounds but "
                        + cumulativeCounts.size() + " bucket counts");
            }
        }
    }

    /** A summary's count of observations and their sum. */
    record Summary(List<String> labelValues, long count, double sum) implements MetricSample {

        public Summary {
            labelValues = List.copyOf(labelValues);
        }
    }
}
