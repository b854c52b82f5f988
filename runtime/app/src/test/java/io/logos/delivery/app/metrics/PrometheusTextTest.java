package io.logos.delivery.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.kernel.metrics.MetricFamily;
import io.logos.delivery.kernel.metrics.MetricSample;
import io.logos.delivery.kernel.metrics.MetricType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static MetricFamily family(String name, MetricType type, List<String> labels, MetricSample... samples) {
        return new MetricFamily(name, name + " help", type, labels, List.of(samples));
    }

    private static MetricSample.Value value(double value, String... labels) {
        return new MetricSample.Value(List.of(labels), value);
    }

    @Test
    void countersGetTheTotalSuffixAndEveryMetricItsHelpAndType() {
        String text = PrometheusText.render(List.of(
                family("waku_store_queries", MetricType.COUNTER, List.of(), value(3)),
                family("jvm_threads_started_total", MetricType.COUNTER, List.of(), value(12)),
                family("libp2p_peers", MetricType.GAUGE, List.of(), value(2))));

        assertEquals("""
                # HELP jvm_threads_started_total jvm_threads_started_total help
                # TYPE jvm_threads_started_total counter
                jvm_threads_started_total 12
                # HELP libp2p_peers libp2p_peers help
                # TYPE libp2p_peers gauge
                libp2p_peers 2
                # HELP waku_store_queries_total waku_store_queries help
                # TYPE waku_store_queries_total counter
                waku_store_queries_total 3
                """, text);
    }

    @Test
    void metricsAreSortedByNameAndSeriesByLabelValues() {
        String text = PrometheusText.render(List.of(
                family("b", MetricType.GAUGE, List.of("topic", "direction"),
                        value(1, "/waku/2/rs/1/1", "out"), value(2, "/waku/2/rs/1/0", "out"),
                        value(3, "/waku/2/rs/1/0", "in")),
                family("a", MetricType.GAUGE, List.of(), value(0))));

        assertEquals("""
                # HELP a a help
                # TYPE a gauge
                a 0
                # HELP b b help
                # TYPE b gauge
                b{topic="/waku/2/rs/1/0",direction="in"} 3
                b{topic="/waku/2/rs/1/0",direction="out"} 2
                b{topic="/waku/2/rs/1/1",direction="out"} 1
                """, text);
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        MetricFamily family = new MetricFamily("agents", "peers by agent\\name\nsecond line", MetricType.GAUGE,
                List.of("agent"), List.of(value(1, "nim \"waku\"\\v2\nbeta")));

        String text = PrometheusText.render(List.of(family));

        assertEquals("""
                # HELP agents peers by agent\\\\name\\nsecond line
                # TYPE agents gauge
                agents{agent="nim \\"waku\\"\\\\v2\\nbeta"} 1
                """, text);
        Exposition parsed = Exposition.parse(text);
        assertEquals(1, parsed.value("agents", Map.of("agent", "nim \"waku\"\\v2\nbeta")), "read back unescaped");
    }

    @Test
    void histogramsHaveCumulativeBucketsUpToInfinityThenSumAndCount() {
        String text = PrometheusText.render(List.of(family("query_seconds", MetricType.HISTOGRAM, List.of("service"),
                new MetricSample.Distribution(List.of("store"), List.of(0.005, 1.0, 2.5), List.of(1L, 3L, 3L),
                        1.75, 4))));

        assertEquals("""
                # HELP query_seconds query_seconds help
                # TYPE query_seconds histogram
                query_seconds_bucket{service="store",le="0.005"} 1
                query_seconds_bucket{service="store",le="1"} 3
                query_seconds_bucket{service="store",le="2.5"} 3
                query_seconds_bucket{service="store",le="+Inf"} 4
                query_seconds_sum{service="store"} 1.75
                query_seconds_count{service="store"} 4
                """, text);
        Exposition.parse(text);
    }

    @Test
    void summariesHaveSumAndCount() {
        String text = PrometheusText.render(List.of(family("jvm_gc_collection_seconds", MetricType.SUMMARY,
                List.of("gc"), new MetricSample.Summary(List.of("G1 Young Generation"), 7, 0.042))));

        assertEquals("""
                # HELP jvm_gc_collection_seconds jvm_gc_collection_seconds help
                # TYPE jvm_gc_collection_seconds summary
                jvm_gc_collection_seconds_sum{gc="G1 Young Generation"} 0.042
                jvm_gc_collection_seconds_count{gc="G1 Young Generation"} 7
                """, text);
    }

    @Test
    void numbersAreWrittenAsPrometheusReadsThem() {
        assertEquals("42", PrometheusText.number(42.0));
        assertEquals("-3", PrometheusText.number(-3.0));
        assertEquals("0.25", PrometheusText.number(0.25));
        assertEquals("1.0E-7", PrometheusText.number(1e-7));
        assertEquals("1.0E20", PrometheusText.number(1e20));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
    }

    @Test
    void anEmptyFamilyStillDeclaresItself() {
        assertEquals("""
                # HELP waku_filter_requests_total waku_filter_requests help
                # TYPE waku_filter_requests_total counter
                """, PrometheusText.render(List.of(family("waku_filter_requests", MetricType.COUNTER,
                List.of("type")))));
    }
}
