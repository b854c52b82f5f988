package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.rest.RestClient.Reply;
import io.logos.delivery.kernel.filter.FilterServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service node (relay, light push, filter) and a client node that names it {@code --lightpushnode},
 * {@code --filternode} and {@code --staticnode}: light push and filter through the client's REST API.
 */
class RestLightpushFilterTest {

    private static final String SHARD = "/waku/2/rs/0/0";
    private static final String CONTENT_TOPIC = "/rest-test/1/filtered/proto";

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery service;
    private LogosDelivery client;
    private RestClient rest;

    @BeforeEach
    void startServiceAndClient() throws InterruptedException {
        nodes = new RestNodes(root);
        service = nodes.start(protocols(true, Optional.empty()), RestNodes.rest(false, List.of()));
        String serviceAddress = service.kernel().listenAddresses().getFirst();
        client = nodes.start(protocols(false, Optional.of(serviceAddress)), RestNodes.rest(false, List.of()));
        rest = RestNodes.client(client);
        PubsubTopic shard = PubsubTopic.of(SHARD);
        RestNodes.await("a relay mesh between service and client",
                () -> service.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY
                        && client.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY);
    }

    /** Relay on autosharding over one shard; the service serves light push and filter, the client uses it. */
    private static ProtocolsConfig protocols(boolean serves, Optional<String> servicePeer) {
        return new ProtocolsConfig(true, serves, serves, List.of(), 1, servicePeer.stream().toList(), Optional.empty(),
                servicePeer, servicePeer, List.of(), 1000, 1000, 300, ProtocolsConfig.DEFAULT_RETENTION_POLICY, false);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aFilterSubscriptionReceivesWhatLightPushSentAndCanBePingedAndEnded() throws InterruptedException {
        Reply subscribed = rest.post("/filter/v2/subscriptions",
                "{\"requestId\": \"1\", \"contentFilters\": [\"" + CONTENT_TOPIC + "\"]}");
        assertEquals(200, subscribed.status(), subscribed.body());
        assertEquals("{\"requestId\":\"1\",\"statusDesc\":\"OK\"}", subscribed.body());
        FilterServer filterServer = service.kernel().filterServer().orElseThrow();
        assertEquals(1, filterServer.criteriaCount());
        String messages = "/filter/v2/messages/" + encode(CONTENT_TOPIC);
        assertEquals("[]", rest.get(messages).body());

        Reply pushed = rest.post("/lightpush/v3/message",
                "{\"message\": {\"payload\": \"cHVzaGVk\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}}");
        assertEquals(200, pushed.status(), pushed.body());
        assertEquals("{\"relayPeerCount\":1}", pushed.body(), "the service relayed it to the client, its one peer");

        JsonNode filtered = awaitMessages(messages).get(0);
        assertEquals("cHVzaGVk", filtered.get("payload").asText());
        assertEquals(CONTENT_TOPIC, filtered.get("contentTopic").asText());
        assertFalse(filtered.has("proof"), "filter answers have no proof field");
        JsonNode relayed = awaitMessages("/relay/v1/messages/" + encode(SHARD)).get(0);
        assertEquals("cHVzaGVk", relayed.get("payload").asText(), "the relayed copy reached the client's relay too");

        Reply pong = rest.get("/filter/v2/subscriptions/ping-1");
        assertEquals(200, pong.status(), pong.body());
        assertEquals("{\"requestId\":\"ping-1\",\"statusDesc\":\"OK\"}", pong.body());

        Reply unsubscribed = rest.delete("/filter/v2/subscriptions",
                "{\"requestId\": \"2\", \"pubsubTopic\": \"" + SHARD + "\", \"contentFilters\": [\"" + CONTENT_TOPIC + "\"]}");
        assertEquals(200, unsubscribed.status(), unsubscribed.body());
        assertEquals(0, filterServer.criteriaCount());
        assertEquals(400, rest.get(messages).status(), "nwaku answers 400 for a topic not subscribed");
        assertEquals(404, rest.get("/filter/v2/subscriptions/ping-2").status(), "nothing left to ping");
    }

    @Test
    void unsubscribingSomeTopicsKeepsTheOthersAndAllEndsEverything() {
        String other = "/rest-test/1/other/proto";
        Reply subscribed = rest.put("/filter/v2/subscriptions",
                "{\"requestId\": \"1\", \"contentFilters\": [\"" + CONTENT_TOPIC + "\", \"" + other + "\"]}");
        assertEquals(200, subscribed.status(), subscribed.body());
        FilterServer filterServer = service.kernel().filterServer().orElseThrow();
        assertEquals(2, filterServer.criteriaCount());

        Reply narrowed = rest.delete("/filter/v2/subscriptions",
                "{\"requestId\": \"2\", \"contentFilters\": [\"" + CONTENT_TOPIC + "\"]}");
        assertEquals(200, narrowed.status(), narrowed.body());
        assertEquals(1, filterServer.criteriaCount());
        assertEquals(200, rest.get("/filter/v2/messages/" + encode(other)).status());

        Reply all = rest.delete("/filter/v2/subscriptions/all", "{\"requestId\": \"3\"}");
        assertEquals(200, all.status(), all.body());
        assertEquals("{\"requestId\":\"3\",\"statusDesc\":\"OK\"}", all.body());
        assertEquals(0, filterServer.subscriberCount());
        assertEquals(400, rest.get("/filter/v2/messages/" + encode(other)).status());
    }

    @Test
    void malformedFilterRequestsAreAnsweredInTheFilterShape() {
        Reply malformed = rest.post("/filter/v2/subscriptions", "{\"requestId\": ");
        assertEquals(400, malformed.status());
        assertEquals("unknown", malformed.json().get("requestId").asText());
        assertTrue(malformed.json().get("statusDesc").asText().startsWith("Failed to decode request: "));

        Reply noTopics = rest.post("/filter/v2/subscriptions", "{\"requestId\": \"7\", \"contentFilters\": []}");
        assertEquals(400, noTopics.status());
        assertEquals("7", noTopics.json().get("requestId").asText());

        Reply badTopic = rest.post("/filter/v2/subscriptions", "{\"requestId\": \"8\", \"contentFilters\": [\"x\"]}");
        assertEquals(400, badTopic.status());
        assertEquals("Invalid content topic(s): [x]", badTopic.json().get("statusDesc").asText());
    }

    @Test
    void legacyLightPushDerivesThePubsubTopicAndAnswersOk() throws InterruptedException {
        Reply pushed = rest.post("/lightpush/v1/message",
                "{\"message\": {\"payload\": \"bGVnYWN5\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}}");
        assertEquals(200, pushed.status(), pushed.body());
        assertEquals("OK", pushed.body());
        JsonNode relayed = awaitMessages("/relay/v1/messages/" + encode(SHARD)).get(0);
        assertEquals("bGVnYWN5", relayed.get("payload").asText());

        Reply badMessage = rest.post("/lightpush/v1/message", "{\"message\": {\"payload\": \"bGVnYWN5\"}}");
        assertEquals(400, badMessage.status());
        assertEquals("Invalid message: Field `contentTopic` is missing or empty", badMessage.body());
    }

    private JsonNode awaitMessages(String path) throws InterruptedException {
        AtomicReference<JsonNode> messages = new AtomicReference<>();
        RestNodes.await("messages on " + path, () -> {
            Reply reply = rest.get(path);
            assertEquals(200, reply.status(), reply.body());
            messages.set(reply.json());
            return !messages.get().isEmpty();
        });
        return messages.get();
    }
}
