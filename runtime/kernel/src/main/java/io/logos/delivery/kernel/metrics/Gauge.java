package io.logos.delivery.kernel.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A value that goes up and down, per combination of label values. Thread-safe. */
public final class Gauge extends Metric<AtomicLong> {

    Gauge(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    public void set(double value, String... labelValues) {
        child(labelValues).set(Double.doubleToRawLongBits(requireFinite(value, name())));
    }

    /** Adds {@code delta} (negative to subtract). */
    public void add(double delta, String... labelValues) {
        requireFinite(delta, name());
        child(labelValues).updateAndGet(bits -> Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + delta));
    }

    /** The value of the series of {@code labelValues}; 0 when it was never used. */
    public double value(String... labelValues) {
        AtomicLong child = existing(labelValues);
        return child == null ? 0 : Double.longBitsToDouble(child.get());
    }

    @Override
    MetricType type() {
        return MetricType.GAUGE;
    }

    @Override
    AtomicLong newChild() {
        return new AtomicLong(Double.doubleToRawLongBits(0));
    }

    @Override
    MetricSample sample(List<String> labelValues, AtomicLong child) {
        return new MetricSample.Value(labelValues, Double.longBitsToDouble(child.get()));
    }
}
