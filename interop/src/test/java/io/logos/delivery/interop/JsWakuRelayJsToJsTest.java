package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two js-waku 0.0.27 relay nodes (relay.mjs) on loopback exchange a message each way: proves the script
 * the Java relay tests will pair with, and that both ends report the same message hash.
 */
class JsWakuRelayJsToJsTest {

    private static final String CONTENT_TOPIC = "/interop/1/relay/proto";
    private static final String PUBSUB_TOPIC = "/waku/2/rs/1/0";

    private final List<JsPeer> peers = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (JsPeer peer : peers) {
            peer.close();
        }
    }

    private JsPeer relayNode() {
        JsPeer peer = JsPeer.start(JsPeer.Stack.WAKU_RELAY, JsPeer.options().put("clusterId", 1)
                .set("shards", JsPeer.options().arrayNode().add(0)));
        peers.add(peer);
        JsonNode subscribed = peer.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);
        assertEquals(PUBSUB_TOPIC, subscribed.get("pubsubTopic").asText());
        return peer;
    }

    @Test
    void twoRelayNodesExchangeAMessageEachWayWithEqualHashes() throws Exception {
        JsPeer alice = relayNode();
        JsPeer bob = relayNode();

        JsonNode dialed = bob.call("dial", "dialed", "addr", alice.address());
        assertEquals(alice.peerId(), dialed.get("remotePeer").asText());
        awaitMesh(alice, bob.peerId());
        awaitMesh(bob, alice.peerId());

        assertDelivered(alice, bob, "from alice");
        assertDelivered(bob, alice, "from bob");
    }

    private static void assertDelivered(JsPeer sender, JsPeer receiver, String text) {
        JsonNode sent = sender.call("send", "sent", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64(text));
        assertEquals(List.of(receiver.peerId()), texts(sent.get("successes")), sent.toString());
        assertTrue(sent.get("failures").isEmpty(), sent.toString());

        JsonNode received = receiver.await("message", event -> true);
        assertEquals(text, JsPeer.text(received, "payload"));
        assertEquals(CONTENT_TOPIC, received.get("contentTopic").asText());
        assertEquals(PUBSUB_TOPIC, received.get("pubsubTopic").asText());
        assertEquals(sent.get("timestamp").asText(), received.get("timestamp").asText());
        assertEquals(sent.get("hash").asText(), received.get("hash").asText());
    }

    private static void awaitMesh(JsPeer peer, String other) throws InterruptedException {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (!texts(peer.call("meshPeers", "meshPeers").get("peers")).contains(other)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(other + " did not join the js mesh within " + JsPeer.TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
