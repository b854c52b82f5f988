package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.rest.RestClient.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two relay nodes connected through {@code POST /admin/v1/peers}: what one publishes over REST, the other reads over REST. */
class RestRelayTest {

    private static final String SHARD = "/waku/2/rs/0/0";
    private static final String CONTENT_TOPIC = "/rest-test/1/chat/proto";

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery alice;
    private LogosDelivery bob;
    private RestClient aliceRest;
    private RestClient bobRest;

    @BeforeEach
    void startAndConnect() throws InterruptedException {
        nodes = new RestNodes(root);
        alice = nodes.start(RestNodes.protocols(), RestNodes.rest(true, List.of()));
        bob = nodes.start(RestNodes.protocols(), RestNodes.rest(true, List.of()));
        aliceRest = RestNodes.client(alice);
        bobRest = RestNodes.client(bob);

        String bobAddress = bob.kernel().listenAddresses().getFirst();
        Reply connected = aliceRest.post("/admin/v1/peers", "[\"" + bobAddress + "\"]");
        assertEquals(200, connected.status(), connected.body());
        PubsubTopic shard = PubsubTopic.of(SHARD);
        RestNodes.await("a relay mesh between the two nodes",
                () -> alice.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY
                        && bob.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void adminListsTheConnectedPeerInNwakusShape() {
        String bobId = bob.kernel().peerId().value();
        JsonNode peers = aliceRest.get("/admin/v1/peers").json();
        assertEquals(1, peers.size(), peers.toString());
        JsonNode peer = peers.get(0);
        assertEquals(bob.kernel().listenAddresses().getFirst(), peer.get("multiaddr").asText());
        assertEquals("Connected", peer.get("connected").asText());
        assertEquals("UnknownOrigin", peer.get("origin").asText());
        assertEquals("rest-test", peer.get("agent").asText());
        assertTrue(peer.get("protocols").toString().contains("/vac/waku/relay/2.0.0"), peer.toString());
        assertEquals("[0]", peer.get("shards").toString());

        assertEquals(peer, aliceRest.get("/admin/v1/peer/" + bobId).json());
        assertEquals(peers, aliceRest.get("/admin/v1/peers/connected").json());
        assertEquals(404, aliceRest.get("/admin/v1/peer/" + alice.kernel().peerId().value()).status());

        JsonNode health = aliceRest.get("/health").json();
        assertEquals("PartiallyConnected", health.get("connectionStatus").asText(), "one relay peer, fewer than D_low");
        assertEquals("{\"Relay\":\"READY\",\"desc\":null}", health.get("protocolsHealth").get(0).toString());
    }

    @Test
    void aMessagePublishedOnAPubsubTopicIsReadOnTheOtherNodeOnce() throws InterruptedException {
        String message = "{\"payload\": \"aGVsbG8=\", \"contentTopic\": \"" + CONTENT_TOPIC
                + "\", \"timestamp\": 1700000000000000000, \"meta\": \"AQI=\", \"ephemeral\": true}";
        Reply published = aliceRest.post("/relay/v1/messages/" + encode(SHARD), message);
        assertEquals(200, published.status(), published.body());

        JsonNode received = awaitMessages(bobRest, "/relay/v1/messages/" + encode(SHARD)).get(0);
        assertEquals("aGVsbG8=", received.get("payload").asText());
        assertEquals(CONTENT_TOPIC, received.get("contentTopic").asText());
        assertEquals(1700000000000000000L, received.get("timestamp").asLong());
        assertEquals(0, received.get("version").asInt());
        assertEquals("AQI=", received.get("meta").asText());
        assertTrue(received.get("ephemeral").asBoolean());
        assertEquals("", received.get("proof").asText(), "relay answers carry the (empty) RLN proof");
        assertEquals("[]", bobRest.get("/relay/v1/messages/" + encode(SHARD)).body(), "read once");
    }

    @Test
    void autoshardingRoutesSubscribePublishAndReadByContentTopic() throws InterruptedException {
        String path = "/relay/v1/auto/messages/" + encode(CONTENT_TOPIC);
        assertEquals(404, bobRest.get(path).status(), "not subscribed yet");
        assertEquals(200, bobRest.post("/relay/v1/auto/subscriptions", "[\"" + CONTENT_TOPIC + "\"]").status());

        Reply published = aliceRest.post("/relay/v1/auto/messages",
                "{\"payload\": \"YXV0bw==\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}");
        assertEquals(200, published.status(), published.body());

        JsonNode received = awaitMessages(bobRest, path).get(0);
        assertEquals("YXV0bw==", received.get("payload").asText());
        assertTrue(received.get("timestamp").asLong() > 0, "a missing timestamp is set to now");
        assertFalse(received.has("meta"), "no meta, no field");

        assertEquals(200, bobRest.delete("/relay/v1/auto/subscriptions", "[\"" + CONTENT_TOPIC + "\"]").status());
        assertEquals(404, bobRest.get(path).status());
        assertTrue(bob.kernel().relay().orElseThrow().subscriptions().contains(PubsubTopic.of(SHARD)),
                "the node's own shard is kept");

        Reply badTopic = aliceRest.post("/relay/v1/auto/messages", "{\"payload\": \"YQ==\", \"contentTopic\": \"chat\"}");
        assertEquals(400, badTopic.status());
        assertTrue(badTopic.body().startsWith("Failed to publish. Autosharding error: "), badTopic.body());
    }

    @Test
    void publishingOnAShardTheNodeDoesNotRelayIsRefused() {
        Reply reply = aliceRest.post("/relay/v1/messages/" + encode("/waku/2/rs/0/5"),
                "{\"payload\": \"YQ==\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}");
        assertEquals(400, reply.status());
        assertEquals("Failed to publish: Node not subscribed to topic: /waku/2/rs/0/5", reply.body());
    }

    /** Polls a messages route until it returns some. */
    private static JsonNode awaitMessages(RestClient rest, String path) throws InterruptedException {
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
