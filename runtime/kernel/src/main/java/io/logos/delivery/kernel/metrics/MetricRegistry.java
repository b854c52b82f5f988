package io.logos.delivery.kernel.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where metrics are declared and collected from. Names are unique; a metric is declared once, then updated
 * from any thread. Gauges of figures some component already keeps (connections, subscribers) are read when
 * collected instead of being mirrored.
 */
public final class MetricRegistry implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(MetricRegistry.class);

    private final Map<String, Collector> collectors = new ConcurrentSkipListMap<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, List.of(labelNames)));
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return register(new Gauge(name, help, List.of(labelNames)));
    }

    /** A histogram with the given finite, increasing bucket bounds. */
    public Histogram histogram(String name, String help, List<Double> upperBounds, String... labelNames) {
        return register(new Histogram(name, help, upperBounds, List.of(labelNames)));
    }

    /** An unlabelled gauge whose value is read from {@code value} when collected. */
    public void gauge(String name, String help, DoubleSupplier value) {
        sampledGauge(name, help, List.of(), () -> Map.of(List.of(), value.getAsDouble()));
    }

    /**
     * A labelled gauge whose series are read from {@code series} when collected: label values (one per label
     * name) to value.
     */
    public void sampledGauge(String name, String help, List<String> labelNames,
                             Supplier<Map<List<String>, Double>> series) {
        new MetricFamily(name, help, MetricType.GAUGE, labelNames, List.of()); // validates now
        register(name, () -> new MetricFamily(name, help, MetricType.GAUGE, labelNames, series.get().entrySet()
                .stream().<MetricSample>map(entry -> new MetricSample.Value(entry.getKey(), entry.getValue()))
                .toList()));
    }

    private <M extends Metric<?>> M register(M metric) {
        register(metric.name(), metric);
        return metric;
    }

    private void register(String name, Collector collector) {
        if (collectors.putIfAbsent(name, collector) != null) {
            throw new IllegalArgumentException("metric " + name + " is already declared");
        }
    }

    /** Every metric, by name; a gauge whose reading fails is left out (and logged) rather than failing the rest. */
    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily> families = new ArrayList<>(collectors.size());
        collectors.forEach((name, collector) -> {
            try {
                families.add(collector.collect());
            } catch (RuntimeException e) {
                LOG.warn("Cannot collect metric {}: {}", name, e.toString());
            }
        });
        return families;
    }
}
