package io.logos.delivery.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    private final MetricRegistry registry = new MetricRegistry();

    private MetricFamily family(String name) {
        return registry.collect().stream().filter(family -> family.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void countersKeepOneSeriesPerLabelCombinationAndUnlabelledOnesShowZeroAtOnce() {
        Counter requests = registry.counter("requests", "requests received", "service", "state");
        registry.counter("queries", "queries received");
        requests.inc("store", "served");
        requests.inc("store", "served");
        requests.add(3, "store", "rejected");

        MetricFamily family = family("requests");
        assertEquals(MetricType.COUNTER, family.type());
        assertEquals(List.of("service", "state"), family.labelNames());
        assertEquals(Map.of(List.of("store", "served"), 2.0, List.of("store", "rejected"), 3.0),
                values(family));
        assertEquals(Map.of(List.of(), 0.0), values(family("queries")));
        assertEquals(0, requests.value("filter", "served"), "a series never used");
    }

    @Test
    void countersOnlyGoUpAndTakeOneValuePerLabel() {
        Counter counter = registry.counter("c", "help", "type");
        assertThrows(IllegalArgumentException.class, () -> counter.add(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> counter.inc());
        assertThrows(IllegalArgumentException.class, () -> counter.inc("x", "y"));
        assertThrows(NullPointerException.class, () -> counter.inc((String) null));
    }

    @Test
    void gaugesGoUpAndDown() {
        Gauge gauge = registry.gauge("held", "messages held", "type");
        gauge.set(10, "stored");
        gauge.add(-3, "stored");
        gauge.add(1.5, "stored");
        assertEquals(8.5, gauge.value("stored"));
        assertEquals(Map.of(List.of("stored"), 8.5), values(family("held")));
    }

    @Test
    void sampledGaugesAreReadWhenCollectedAndAFailingOneIsLeftOut() {
        int[] peers = {2};
        registry.gauge("peers", "connected peers", () -> peers[0]);
        registry.sampledGauge("broken", "fails", List.of("x"), () -> {
            throw new IllegalStateException("no reading");
        });
        assertEquals(Map.of(List.of(), 2.0), values(family("peers")));
        peers[0] = 5;
        assertEquals(Map.of(List.of(), 5.0), values(family("peers")));
        assertEquals(List.of("peers"), registry.collect().stream().map(MetricFamily::name).toList());
    }

    @Test
    void histogramBucketsAreCumulativeWithSumAndCount() {
        Histogram durations = registry.histogram("took_seconds", "durations", List.of(0.1, 1.0));
        durations.observe(0.05);
        durations.observe(0.1);
        durations.observe(Duration.ofMillis(500));
        durations.observe(7);

        MetricSample.Distribution sample = (MetricSample.Distribution) family("took_seconds").samples().getFirst();
        assertEquals(List.of(0.1, 1.0), sample.upperBounds());
        assertEquals(List.of(2L, 3L), sample.cumulativeCounts());
        assertEquals(4, sample.count());
        assertEquals(7.65, sample.sum(), 1e-9);
    }

    @Test
    void badDeclarationsAreRefused() {
        registry.counter("taken", "help");
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("taken", "help"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("9lives", "help"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("has-dash", "help"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("ok", "help", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("h1", "help", List.of(1.0, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("h2", "help", List.of(1.0), "le"));
    }

    @Test
    void concurrentIncrementsAreNotLost() throws InterruptedException {
        Counter counter = registry.counter("hits", "help", "shard");
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                threads.execute(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counter.inc(Integer.toString(i % 3));
                    }
                });
            }
            threads.shutdown();
            assertEquals(true, threads.awaitTermination(1, TimeUnit.MINUTES));
        }
        double total = values(family("hits")).values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(40_000, total);
    }

    private static Map<List<String>, Double> values(MetricFamily family) {
        return family.samples().stream().collect(java.util.stream.Collectors.toMap(MetricSample::labelValues,
                sample -> ((MetricSample.Value) sample).value()));
    }
}
