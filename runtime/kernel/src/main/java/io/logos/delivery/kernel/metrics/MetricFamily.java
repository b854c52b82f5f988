package io.logos.delivery.kernel.metrics;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric with its series, as collected: the name (without the {@code _total} a counter is exposed with), a
 * help text, its type, its label names and one sample per label combination seen.
 */
public record MetricFamily(String name, String help, MetricType type, List<String> labelNames,
                           List<MetricSample> samples) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public MetricFamily {
        requireValidName(name);
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        labelNames = List.copyOf(labelNames);
        labelNames.forEach(MetricFamily::requireValidLabel);
        samples = List.copyOf(samples);
        Class<? extends MetricSample> kind = switch (type) {
            case COUNTER, GAUGE -> MetricSample.Value.class;
            case HISTOGRAM -> MetricSample.Distribution.class;
            case SUMMARY -> MetricSample.Summary.class;
        };
        for (MetricSample sample : samples) {
            if (!kind.isInstance(sample)) {
                throw new IllegalArgumentException(type + " " + name + " cannot hold a " + sample);
            }
            if (sample.labelValues().size() != labelNames.size()) {
                throw new IllegalArgumentException(name + " has labels " + labelNames + " but a sample has values "
                        + sample.labelValues());
            }
        }
    }

    /** The same family under another name, e.g. with the operator's prefix. */
    public MetricFamily renamed(String newName) {
        return new MetricFamily(newName, help, type, labelNames, samples);
    }

    /** Prometheus's rule for metric names. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static void requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid metric name '" + name + "': use [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
    }

    private static void requireValidLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
            throw new IllegalArgumentException("invalid label name '" + label
                    + "': use [a-zA-Z_][a-zA-Z0-9_]*, not starting with __");
        }
    }
}
