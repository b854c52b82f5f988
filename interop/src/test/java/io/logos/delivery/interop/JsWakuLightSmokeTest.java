package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The js-waku 0.0.36 light node script (light.mjs) on its own, before any Java service node exists: it
 * starts, and js's own failures reach the test as events (the error paths the service-node tests rely on).
 */
class JsWakuLightSmokeTest {

    private static final String CONTENT_TOPIC = "/interop/1/light/proto";
    private static final long TIMESTAMP_NANOS = 1_714_474_454_978_000_000L;
    /** Some well-formed peer id; nobody has its key. */
    private static final String ABSENT_PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    private final List<JsPeer> peers = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (JsPeer peer : peers) {
            peer.close();
        }
    }

    private JsPeer lightNode(ObjectNode options) {
        JsPeer peer = JsPeer.start(JsPeer.Stack.WAKU_LIGHT, options);
        peers.add(peer);
        return peer;
    }

    @Test
    void startsAndReportsItsPeerId() {
        JsPeer light = lightNode(JsPeer.options());

        assertTrue(light.peerId().startsWith("12D3KooW"), light.peerId());
        assertTrue(light.call("peers", "peers").get("peers").isEmpty());
    }

    @Test
    void lightpushWithoutAnyPeerReportsJsNoPeerFailureAndTheMessageHash() throws Exception {
        JsPeer light = lightNode(JsPeer.options().put("clusterId", 2).set("shards", JsPeer.options().arrayNode().add(3)));

        JsonNode pushed = light.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC, "payload",
                JsPeer.base64("hello"), "timestamp", Long.toString(TIMESTAMP_NANOS));

        assertTrue(pushed.get("successes").isEmpty(), pushed.toString());
        assertEquals(1, pushed.get("failures").size(), pushed.toString());
        assertEquals("No peer available", pushed.get("failures").get(0).get("error").asText());
        assertEquals("/waku/2/rs/2/3", pushed.get("pubsubTopic").asText());
        assertEquals(Long.toString(TIMESTAMP_NANOS), pushed.get("timestamp").asText());
        assertEquals(rfc14Hash("/waku/2/rs/2/3", "hello", CONTENT_TOPIC, TIMESTAMP_NANOS), pushed.get("hash").asText());
    }

    @Test
    void filterSubscribeWithoutAnyPeerFailsWithAnErrorEvent() {
        JsPeer light = lightNode(JsPeer.options());

        JsonNode error = light.callFailing("subscribe", "contentTopic", CONTENT_TOPIC);

        assertTrue(error.get("message").asText().contains("filter.subscribe(" + CONTENT_TOPIC + ") returned false"),
                error.toString());
    }

    @Test
    void dialingAnAddressWithNothingBehindItFailsWithJsError() throws Exception {
        JsPeer light = lightNode(JsPeer.options());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        JsonNode error = light.callFailing("dial", "addr", "/ip4/127.0.0.1/tcp/" + closedPort + "/p2p/" + ABSENT_PEER);

        assertTrue(error.get("message").asText().contains("ECONNREFUSED"), error.toString());
    }

    /** 14/WAKU2-MESSAGE deterministic hash (no meta): sha256(pubsub ‖ payload ‖ content topic ‖ ts big-endian). */
    private static String rfc14Hash(String pubsubTopic, String payload, String contentTopic, long timestamp)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(pubsubTopic.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(contentTopic.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }
}
