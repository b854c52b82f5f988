package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.node.ShardingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * js-waku 0.0.36 light nodes using the Java node as their service node: one sends with light push v3 and
 * v2, another receives through filter; the message crosses a second Java relay node and back, so the
 * service really relays. Hashes agree with @waku/message-hash.
 */
class JavaServiceNodeInteropTest {

    private static final ShardingConfig CLUSTER_1 = new ShardingConfig(1, List.of(), 8);
    private static final String CONTENT_TOPIC = "/interop/1/service/proto";

    private JavaNode service;
    private JavaNode relayPeer;
    private final List<JsPeer> lightNodes = new ArrayList<>();
    private final List<ReceivedMessage> atRelayPeer = new CopyOnWriteArrayList<>();
    private PubsubTopic shard;

    @BeforeEach
    void startNodes() throws Exception {
        service = JavaNode.start(CLUSTER_1, config -> config.withServices(true, true));
        relayPeer = JavaNode.start(CLUSTER_1, config -> config);
        relayPeer.node().relay().orElseThrow().addMessageListener(atRelayPeer::add);
        relayPeer.node().peers().connect(service.address()).get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        shard = service.node().relay().orElseThrow().pubsubTopicOf(ContentTopic.parse(CONTENT_TOPIC));
        JavaNode.waitUntil(() -> service.node().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY,
                "the service node has a relay peer on " + shard);
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (JsPeer light : lightNodes) {
            light.close();
        }
        relayPeer.close();
        service.close();
    }

    private JsPeer lightNode(int clusterId, String... protocols) {
        JsPeer light = JsPeer.start(JsPeer.Stack.WAKU_LIGHT, JsPeer.options().put("clusterId", clusterId)
                .put("numShardsInCluster", 8));
        lightNodes.add(light);
        JsonNode dialed = light.call("dial", "dialed", "addr", service.address(), "protocols", List.of(protocols));
        assertEquals(service.node().peerId().value(), dialed.get("remotePeer").asText());
        return light;
    }

    @Test
    void lightPushV3AndLegacyReachARelayPeerAndAFilterSubscriberWithEqualHashes() throws Exception {
        JsPeer receiver = lightNode(1, "filter");
        JsonNode subscribed = receiver.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);
        assertEquals(shard.value(), subscribed.get("pubsubTopic").asText());
        JsPeer sender = lightNode(1, "lightpush");

        for (boolean legacy : new boolean[] {false, true}) {
            String text = legacy ? "through v2" : "through v3";
            JsonNode pushed = sender.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC,
                    "payload", JsPeer.base64(text), "useLegacy", legacy);
            assertEquals(List.of(service.node().peerId().value()), List.of(pushed.get("successes").get(0).asText()),
                    pushed.toString());
            MessageHash hash = MessageHash.fromHex(pushed.get("hash").asText());

            JsonNode pushedToReceiver = receiver.await("message", event -> JsPeer.text(event, "payload").equals(text));
            assertEquals(hash, MessageHash.fromHex(pushedToReceiver.get("hash").asText()));
            assertEquals(shard.value(), pushedToReceiver.get("pubsubTopic").asText());
            JavaNode.waitUntil(() -> atRelayPeer.stream().anyMatch(m -> m.hash().equals(hash)),
                    "the relay peer receives the pushed message " + text);
        }
    }

    @Test
    void filterSubscribePingAndUnsubscribeBehaveAsJsExpects() throws Exception {
        JsPeer light = lightNode(1, "filter");
        light.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);
        JavaNode.waitUntil(() -> service.node().filterServer().orElseThrow().subscriberCount() == 1, "one subscriber");

        assertEquals(service.node().peerId().value(), light.call("ping", "pinged").get("peer").asText());

        light.call("unsubscribe", "unsubscribed", "contentTopic", CONTENT_TOPIC);
        JavaNode.waitUntil(() -> service.node().filterServer().orElseThrow().subscriberCount() == 0,
                "the service forgot the subscriber");
        JsonNode failed = light.callFailing("ping");
        assertTrue(failed.get("message").asText().contains("Remote peer rejected"), failed.toString());
    }

    @Test
    void aLightNodeOfAnotherClusterGetsNoService() throws Exception {
        JsPeer stranger = JsPeer.start(JsPeer.Stack.WAKU_LIGHT, JsPeer.options().put("clusterId", 2)
                .put("numShardsInCluster", 8));
        lightNodes.add(stranger);
        stranger.send("dial", "addr", service.address(), "timeoutMs", 5000);

        JsonNode pushed = stranger.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC,
                "payload", JsPeer.base64("refused"));
        assertEquals("No peer available", pushed.get("failures").get(0).get("error").asText(), pushed.toString());
        JavaNode.waitUntil(() -> service.node().host().connections(
                        io.logos.delivery.libp2p.peer.PeerId.parse(stranger.peerId())).isEmpty(),
                "the service node disconnected the other cluster's light node");
        assertTrue(service.node().peers().all().stream().noneMatch(p -> p.peerId().value().equals(stranger.peerId())),
                "and forgot it");
    }
}
