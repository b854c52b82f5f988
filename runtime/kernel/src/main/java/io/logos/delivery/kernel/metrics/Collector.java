package io.logos.delivery.kernel.metrics;

/** Something the registry collects one family from. */
interface Collector {

    MetricFamily collect();
}
