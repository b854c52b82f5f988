package io.logos.delivery.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.MetricsConfig;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint over real HTTP, on the kernel's metrics and the JVM's. */
class MetricsServerTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");

    private final KernelMetrics kernel = new KernelMetrics();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MetricsServer start(String prefix) {
        server = MetricsServer.start(new MetricsConfig(true, "127.0.0.1", 0, prefix), kernel.source(), "v0.1.0");
        return server;
    }

    @Test
    void servesTheNodesMetricsUnderWakusNamesWithTheVersionAndTheJvms() {
        kernel.relayDelivered(SHARD, 100);
        kernel.storeQuery();
        Exposition scrape = Exposition.scrape(start("waku").address());

        assertEquals(1, scrape.value("waku_node_messages_total", Map.of("type", "relay")));
        assertEquals(100 + SHARD.value().length(), scrape.value("waku_relay_network_bytes_total",
                Map.of("topic", SHARD.value(), "type", "net", "direction", "in")));
        assertEquals(1, scrape.value("waku_store_queries_total"));
        assertEquals(1, scrape.value("waku_version", Map.of("version", "v0.1.0")));
        assertEquals("counter", scrape.types().get("waku_lightpush_v3_errors_total"), "declared before its first error");
        assertEquals("histogram", scrape.types().get("waku_archive_query_duration_seconds"));

        assertTrue(scrape.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(scrape.has("jvm_memory_pool_used_bytes"));
        assertEquals("summary", scrape.types().get("jvm_gc_collection_seconds"));
        assertTrue(scrape.value("jvm_threads_current") > 0);
        assertTrue(scrape.value("process_cpu_seconds_total") > 0);
        assertTrue(scrape.value("process_start_time_seconds") > 1_600_000_000);
        assertTrue(scrape.value("process_open_fds") > 0, "Linux reports file descriptors");
    }

    @Test
    void thePrefixReplacesTheWakuNamespaceOnly() {
        kernel.relayDelivered(SHARD, 1);
        kernel.libp2pPeers(() -> 3);
        Exposition scrape = Exposition.scrape(start("logos_delivery").address());

        assertEquals(1, scrape.value("logos_delivery_node_messages_total", Map.of("type", "relay")));
        assertEquals(1, scrape.value("logos_delivery_version", Map.of("version", "v0.1.0")));
        assertEquals(3, scrape.value("libp2p_peers"));
        assertFalse(scrape.types().keySet().stream().anyMatch(name -> name.startsWith("waku_")),
                scrape.types().keySet()::toString);
        assertTrue(scrape.has("jvm_threads_current"));
    }

    @Test
    void otherPathsAre404AndOtherMethods405() {
        start("waku");
        HttpResponse<String> notFound = Exposition.get(server.address(), "/");
        assertEquals(404, notFound.statusCode());
        assertEquals(404, Exposition.get(server.address(), "/metrics/extra").statusCode());
        HttpResponse<String> post = Exposition.send(server.address(), "/metrics", "POST");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(200, Exposition.send(server.address(), "/metrics", "HEAD").statusCode());
    }

    @Test
    void aTakenPortIsAClearError() {
        start("waku");
        int taken = server.address().getPort();
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> MetricsServer.start(
                new MetricsConfig(true, "127.0.0.1", taken, "waku"), kernel.source(), "v"));
        assertTrue(error.getMessage().startsWith("cannot listen for metrics on 127.0.0.1:" + taken), error.getMessage());
    }

    @Test
    void aPrefixMustBeAMetricName() {
        assertThrows(InvalidConfigurationException.class, () -> new MetricsConfig(true, "127.0.0.1", 0, "1st"));
        assertThrows(InvalidConfigurationException.class, () -> new MetricsConfig(true, "127.0.0.1", 0, "a-b"));
        assertThrows(InvalidConfigurationException.class, () -> new MetricsConfig(true, "127.0.0.1", 70000, "a"));
    }
}
