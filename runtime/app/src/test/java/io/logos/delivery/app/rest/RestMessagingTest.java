package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.app.rest.RestClient.Reply;
import io.logos.delivery.kernel.filter.FilterServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /messaging/v1}: two edge nodes running the messaging layer ({@code --entry-layer=messaging --mode=edge})
 * around a kernel service node (relay, light push, filter, store) that has one relay peer to push to; one edge node
 * sends, the other receives, over REST.
 */
class RestMessagingTest {

    private static final String CONTENT_TOPIC = "/rest-test/1/messaging/proto";

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery service;
    private RestClient sender;
    private RestClient receiver;

    @BeforeEach
    void startNodes() throws InterruptedException {
        nodes = new RestNodes(root);
        service = nodes.start(new ProtocolsConfig(true, true, true, List.of(), 1, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), 1000, 1000, 300, ProtocolsConfig.DEFAULT_RETENTION_POLICY,
                false), RestNodes.rest(false, List.of()), true);
        startRelayPeerOf(service);
        sender = RestNodes.client(startEdge());
        receiver = RestNodes.client(startEdge());
    }

    /** Light push services relay what they are pushed: without a relay peer they refuse (505). */
    private void startRelayPeerOf(LogosDelivery serviceNode) throws InterruptedException {
        ProtocolsConfig defaults = RestNodes.protocols();
        LogosDelivery relayPeer = nodes.start(new ProtocolsConfig(true, false, false, List.of(), 1,
                serviceNode.kernel().listenAddresses(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                1000, 1000, 300, defaults.storeRetentionPolicy(), false), RestConfig.disabled());
        PubsubTopic shard = PubsubTopic.of("/waku/2/rs/0/0");
        RestNodes.await("a relay mesh between the service node and its relay peer",
                () -> relayPeer.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY);
    }

    /** An edge messaging node that knows the service node as its static peer and store peer. */
    private LogosDelivery startEdge() {
        String serviceAddress = service.kernel().listenAddresses().getFirst();
        ProtocolsConfig edge = new ProtocolsConfig(false, false, false, List.of(), 1, List.of(serviceAddress),
                Optional.of(serviceAddress), Optional.empty(), Optional.empty(), List.of(), 1000, 1000, 300,
                ProtocolsConfig.DEFAULT_RETENTION_POLICY, false);
        LogosDelivery node = nodes.start(edge, RestNodes.rest(false, List.of()), false, EntryLayer.MESSAGING);
        assertEquals(Mode.EDGE, node.messaging().orElseThrow().mode());
        return node;
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aMessageSentByOneEdgeNodeIsPropagatedConfirmedAndReceivedByTheOther() throws InterruptedException {
        assertEquals(200, receiver.post("/messaging/v1/subscriptions", "[\"" + CONTENT_TOPIC + "\"]").status());
        FilterServer filter = service.kernel().filterServer().orElseThrow();
        RestNodes.await("the receiver's filter subscription at the service node", () -> filter.criteriaCount() > 0);

        Reply sent = sender.post("/messaging/v1/messages", "{\"payload\": \"" + base64("hello") + "\", "
                + "\"contentTopic\": \"" + CONTENT_TOPIC + "\"}");
        assertEquals(200, sent.status(), sent.body());
        String requestId = sent.json().get("requestId").asText();

        List<String> kinds = new ArrayList<>();
        AtomicReference<String> hash = new AtomicReference<>();
        RestNodes.await("the message confirmed by the store", () -> {
            Reply events = sender.get("/messaging/v1/events/send/" + requestId);
            if (events.status() == 200) {
                for (JsonNode event : events.json().get("events")) {
                    kinds.add(event.get("kind").asText());
                    hash.set(event.get("messageHash").asText());
                }
            }
            return kinds.contains("sent");
        });
        assertEquals(List.of("propagated", "sent"), kinds);

        List<JsonNode> received = new ArrayList<>();
        RestNodes.await("the message at the receiver", () -> {
            receiver.get("/messaging/v1/events/received").json().forEach(received::add);
            return !received.isEmpty();
        });
        assertEquals(1, received.size());
        assertEquals(hash.get(), received.getFirst().get("messageHash").asText());
        assertEquals(base64("hello"), received.getFirst().get("message").get("payload").asText());
        assertEquals("[]", receiver.get("/messaging/v1/events/received").body(), "read events are cleared");
        assertEquals(404, sender.get("/messaging/v1/events/send/" + requestId).status(), "read events are cleared");
    }

    @Test
    void badEnvelopesAndTopicsAreRefusedWithTheReason() {
        Reply badTopic = sender.post("/messaging/v1/messages",
                "{\"payload\": \"" + base64("x") + "\", \"contentTopic\": \"not-a-topic\"}");
        assertEquals(400, badTopic.status());
        assertTrue(badTopic.body().startsWith("Failed to send: invalid content topic 'not-a-topic'"), badTopic.body());

        String tooLarge = Base64.getEncoder().encodeToString(new byte[151 * 1024]);
        Reply oversized = sender.post("/messaging/v1/messages",
                "{\"payload\": \"" + tooLarge + "\", \"contentTopic\": \"" + CONTENT_TOPIC + "\"}");
        assertEquals(400, oversized.status());
        assertTrue(oversized.body().contains("bytes the network accepts"), oversized.body());

        assertEquals(400, sender.post("/messaging/v1/messages", "{\"contentTopic\": \"" + CONTENT_TOPIC + "\"}")
                .status(), "no payload");
        assertEquals(400, sender.post("/messaging/v1/messages", "{not json").status());

        Reply subscribe = receiver.post("/messaging/v1/subscriptions", "[\"" + CONTENT_TOPIC + "\", \"/bad\"]");
        assertEquals(400, subscribe.status());
        assertTrue(subscribe.body().contains("/bad: invalid content topic"), subscribe.body());
        Reply unsubscribe = receiver.delete("/messaging/v1/subscriptions", "[\"/other/1/never/proto\"]");
        assertEquals(400, unsubscribe.status());
        assertTrue(unsubscribe.body().contains("not subscribed"), unsubscribe.body());
        assertEquals(404, sender.get("/messaging/v1/events/send/" + encode("no such request")).status());
    }

    @Test
    void aKernelOnlyNodeDoesNotServeTheMessagingRoutes() {
        Reply reply = RestNodes.client(service).post("/messaging/v1/subscriptions", "[\"" + CONTENT_TOPIC + "\"]");
        assertEquals(404, reply.status());
        assertTrue(reply.body().contains("--entry-layer=messaging"), reply.body());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
