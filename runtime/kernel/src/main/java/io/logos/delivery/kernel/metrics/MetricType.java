package io.logos.delivery.kernel.metrics;

/** The kinds of metric the registry keeps, as Prometheus types them. */
public enum MetricType {
    /** Only goes up (until the node restarts). */
    COUNTER,
    /** Goes up and down. */
    GAUGE,
    /** Counts observations in cumulative buckets, with their sum. */
    HISTOGRAM,
    /** Counts observations, with their sum (no quantiles), e.g. the JVM's garbage collections. */
    SUMMARY
}
