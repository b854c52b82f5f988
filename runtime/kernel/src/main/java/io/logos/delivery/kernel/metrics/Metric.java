package io.logos.delivery.kernel.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A metric kept in the registry: one child series per combination of label values, created on first use.
 * An unlabelled metric shows its single series (zero) before its first update, so a scrape always sees it.
 *
 * @param <C> what holds one series' value
 */
abstract sealed class Metric<C> implements Collector permits Counter, Gauge, Histogram {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, C> children = new ConcurrentHashMap<>();

    Metric(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        // validates the name and the label names now, not at the first scrape
        new MetricFamily(name, help, type(), labelNames, List.of());
    }

    abstract MetricType type();

    abstract C newChild();

    abstract MetricSample sample(List<String> labelValues, C child);

    public String name() {
        return name;
    }

    /** The series for {@code labelValues}, one value per label name. */
    final C child(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes " + labelNames.size() + " label values " + labelNames
                    + ", got " + Arrays.toString(labelValues));
        }
        List<String> key = List.of(labelValues); // rejects null values
        C child = children.get(key);
        return child != null ? child : children.computeIfAbsent(key, ignored -> newChild());
    }

    /** The series for {@code labelValues} if it was ever used. */
    final C existing(String... labelValues) {
        return children.get(Arrays.asList(labelValues));
    }

    @Override
    public final MetricFamily collect() {
        if (labelNames.isEmpty()) {
            child();
        }
        List<MetricSample> samples = children.entrySet().stream()
                .map(entry -> sample(entry.getKey(), entry.getValue())).toList();
        return new MetricFamily(name, help, type(), labelNames, samples);
    }

    @Override
    public String toString() {
        return type() + " " + name + labelNames;
    }

    static double requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
        return value;
    }

    static <T> T requireNonNull(T value, String what) {
        return Objects.requireNonNull(value, what);
    }
}
