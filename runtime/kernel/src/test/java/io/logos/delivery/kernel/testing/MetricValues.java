package io.logos.delivery.kernel.testing;

import io.logos.delivery.kernel.metrics.MetricFamily;
import io.logos.delivery.kernel.metrics.MetricSample;
import io.logos.delivery.kernel.metrics.MetricSource;
import java.util.List;

/** Reads one series of a collected metric, as a test asserts it. */
public final class MetricValues {

    private MetricValues() {
    }

    /** The value of {@code name}'s series with {@code labelValues}; 0 when the series does not exist yet. */
    public static double value(MetricSource source, String name, String... labelValues) {
        return sample(source, name, labelValues) instanceof MetricSample.Value value ? value.value() : 0;
    }

    /** How many observations a histogram's series holds; 0 when it does not exist yet. */
    public static long observations(MetricSource source, String name, String... labelValues) {
        return sample(source, name, labelValues) instanceof MetricSample.Distribution distribution
                ? distribution.count() : 0;
    }

    private static MetricSample sample(MetricSource source, String name, String... labelValues) {
        MetricFamily family = source.collect().stream().filter(candidate -> candidate.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
        return family.samples().stream().filter(sample -> sample.labelValues().equals(List.of(labelValues)))
                .findFirst().orElse(null);
    }
}
