package io.logos.delivery.kernel.metrics;

import java.util.List;

/** Metrics to read: what an exporter renders. */
@FunctionalInterface
public interface MetricSource {

    /** Every metric with its current values. Safe to call from any thread, at any time. */
    List<MetricFamily> collect();
}
