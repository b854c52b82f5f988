/**
 * The kernel's metrics: a small registry of counters, gauges and histograms with labels
 * ({@link io.logos.delivery.kernel.metrics.MetricRegistry}), the metrics the kernel keeps, named as nwaku names
 * them ({@link io.logos.delivery.kernel.metrics.KernelMetrics}), and the snapshot others read
 * ({@link io.logos.delivery.kernel.metrics.MetricSource}). No exposition format lives here: the app renders the
 * snapshot for Prometheus.
 */
package io.logos.delivery.kernel.metrics;
