package io.logos.delivery.kernel.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A value that only goes up, per combination of label values. Thread-safe; cheap on the hot path. */
public final class Counter extends Metric<DoubleAdder> {

    Counter(String name, String help, List<String> labelNames) {
        super(name, help, labelNames);
    }

    /** Adds one to the series of {@code labelValues}. */
    public void inc(String... labelValues) {
        add(1, labelValues);
    }

    /** Adds {@code amount}, which must not be negative. */
    public void add(double amount, String... labelValues) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(name() + " only goes up: cannot add " + amount);
        }
        child(labelValues).add(amount);
    }

    /** The value of the series of {@code labelValues}; 0 when it was never used. */
    public double value(String... labelValues) {
        DoubleAdder child = existing(labelValues);
        return child == null ? 0 : child.sum();
    }

    @Override
    MetricType type() {
        return MetricType.COUNTER;
    }

    @Override
    DoubleAdder newChild() {
        return new DoubleAdder();
    }

    @Override
    MetricSample sample(List<String> labelValues, DoubleAdder child) {
        return new MetricSample.Value(labelValues, child.sum());
    }
}
