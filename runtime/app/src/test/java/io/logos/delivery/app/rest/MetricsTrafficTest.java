package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static io.logos.delivery.app.rest.ServiceAndClient.SHARD;
import static io.logos.delivery.app.rest.ServiceAndClient.scrape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.app.metrics.Exposition;
import io.logos.delivery.app.rest.RestClient.Reply;
import io.logos.delivery.kernel.lightpush.LightpushProtocols;
import io.logos.delivery.kernel.store.StoreProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of two real nodes while the client relays, light pushes (into the service's rate limit) and
 * queries the service's store through its REST API: the service's counters follow, under nwaku's names and
 * labels, and the client's under the {@code logos_delivery} prefix.
 */
class MetricsTrafficTest {

    private static final String CONTENT_TOPIC = "/metrics-test/1/chat/proto";
    private static final String RELAY_CODEC = "/vac/waku/relay/2.0.0";

    @TempDir
    Path root;

    private ServiceAndClient pair;
    private RestClient clientRest;

    @BeforeEach
    void start() throws InterruptedException {
        pair = new ServiceAndClient(root);
        clientRest = RestNodes.client(pair.client);
    }

    @AfterEach
    void stop() {
        pair.close();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(String payloadBase64) {
        return "{\"payload\": \"" + payloadBase64 + "\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}";
    }

    @Test
    void aRelayedMessageCountsOnTheReceiverAndOnThePublisher() throws InterruptedException {
        Map<String, String> relayIn = Map.of("topic", SHARD, "direction", "in");
        Map<String, String> relayOut = Map.of("topic", SHARD, "direction", "out");
        Map<String, String> netIn = Map.of("topic", SHARD, "type", "net", "direction", "in");
        assertEquals(0, scrape(pair.service).value("waku_relay_messages_total", relayIn));
        assertEquals(0, scrape(pair.service).value("waku_node_messages_total", Map.of("type", "relay")));

        Reply published = clientRest.post("/relay/v1/messages/" + encode(SHARD), message("aGVsbG8="));
        assertEquals(200, published.status(), published.body());

        RestNodes.await("the service counting the relayed message",
                () -> scrape(pair.service).value("waku_relay_messages_total", relayIn) == 1);
        Exposition service = scrape(pair.service);
        assertEquals(1, service.value("waku_node_messages_total", Map.of("type", "relay")));
        assertTrue(service.value("waku_relay_network_bytes_total", netIn) > SHARD.length(), "data and topic bytes");
        assertEquals(service.value("waku_relay_network_bytes_total", netIn), service.value(
                "waku_relay_network_bytes_total", Map.of("topic", SHARD, "type", "gross", "direction", "in")));
        Exposition client = scrape(pair.client);
        assertEquals(1, client.value("logos_delivery_relay_messages_total", relayOut));
        assertEquals(0, client.value("logos_delivery_relay_messages_total", relayIn));
    }

    @Test
    void lightPushesCountAndTheOneBeyondTheRateLimitIsARejection() throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= ServiceAndClient.LIGHTPUSHES_ADMITTED; i++) {
            statuses.add(clientRest.post("/lightpush/v3/message",
                    "{\"message\": " + message(base64("push " + i)) + "}").status());
        }
        assertEquals(List.of(200, 200, 200, 429), statuses);

        Exposition service = scrape(pair.service);
        String v3 = LightpushProtocols.V3;
        assertEquals(3, service.value("waku_lightpush_v3_messages_total", Map.of("type", "PushRequest")));
        assertEquals(3, service.value("waku_service_requests_total", Map.of("service", v3, "state", "served")));
        assertEquals(1, service.value("waku_service_requests_total", Map.of("service", v3, "state", "rejected")));
        assertEquals(0, service.value("waku_lightpush_v3_errors_total", Map.of("type", "429")),
                "a rejection is not a light push error, as in nwaku");
        RestNodes.await("the service archiving the pushed messages",
                () -> scrape(pair.service).value("waku_archive_messages", Map.of("type", "stored")) == 3);
        assertEquals(3, scrape(pair.service).value("waku_archive_insert_duration_seconds_count"));
    }

    @Test
    void aStoreQueryCountsWithItsDuration() throws InterruptedException {
        assertEquals(200, clientRest.post("/relay/v1/messages/" + encode(SHARD), message("c3RvcmVk")).status());
        RestNodes.await("the service archiving the message",
                () -> scrape(pair.service).value("waku_archive_messages", Map.of("type", "stored")) == 1);

        String serviceAddress = pair.service.kernel().listenAddresses().getFirst();
        Reply page = clientRest.get("/store/v3/messages?peerAddr=" + encode(serviceAddress) + "&pubsubTopic="
                + encode(SHARD) + "&includeData=true");
        assertEquals(200, page.status(), page.body());
        assertEquals(1, page.json().get("messages").size(), page.body());

        Exposition service = scrape(pair.service);
        assertEquals(1, service.value("waku_store_queries_total"));
        assertEquals(1, service.value("waku_archive_query_duration_seconds_count"));
        assertEquals(1, service.value("waku_service_requests_total",
                Map.of("service", StoreProtocol.ID, "state", "served")));
        assertEquals(0, service.value("waku_store_errors_total", Map.of("type", "400")));
    }

    @Test
    void peersVersionAndTheJvmAreShownAndEachNodeKeepsItsNamespace() {
        Exposition service = scrape(pair.service);
        assertEquals(1, service.value("libp2p_peers"));
        assertEquals(1, service.value("waku_connected_peers", Map.of("direction", "In", "protocol", RELAY_CODEC)),
                "the client dialled the service");
        assertEquals(0, service.value("waku_connected_peers", Map.of("direction", "Out", "protocol", RELAY_CODEC)));
        assertEquals(1, service.value("waku_peer_store_size"));
        assertEquals(0, service.value("waku_filter_subscriptions"));
        assertTrue(service.types().keySet().stream().anyMatch(name -> name.equals("waku_version")));
        assertTrue(service.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(service.has("jvm_gc_collection_seconds_count"));
        assertTrue(service.value("process_cpu_seconds_total") > 0);

        Exposition client = scrape(pair.client);
        assertEquals(1, client.value("logos_delivery_connected_peers",
                Map.of("direction", "Out", "protocol", RELAY_CODEC)));
        assertFalse(client.types().keySet().stream().anyMatch(name -> name.startsWith("waku_")),
                client.types().keySet()::toString);
        assertTrue(client.has("logos_delivery_version"));
    }
}
