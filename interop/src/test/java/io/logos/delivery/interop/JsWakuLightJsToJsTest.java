package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The js-waku 0.0.36 light node (light.mjs) against the js service stub (service-stub.mjs): the script's
 * success and failure paths, in the shape the Java service-node tests take once the stub is replaced by
 * the Java node.
 */
class JsWakuLightJsToJsTest {

    private static final String CONTENT_TOPIC = "/interop/1/light/proto";
    private static final String LIGHTPUSH = "/vac/waku/lightpush/3.0.0";
    private static final String FILTER = "/vac/waku/filter-subscribe/2.0.0-beta1";

    private final List<JsPeer> peers = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (JsPeer peer : peers) {
            peer.close();
        }
    }

    private JsPeer start(JsPeer.Stack stack, ObjectNode options) {
        JsPeer peer = JsPeer.start(stack, options);
        peers.add(peer);
        return peer;
    }

    /** A light node (cluster 1, 8 autosharded shards) connected to a stub started with {@code stubOptions}. */
    private JsPeer[] lightConnectedTo(ObjectNode stubOptions) {
        JsPeer service = start(JsPeer.Stack.WAKU_SERVICE_STUB, stubOptions);
        JsPeer light = start(JsPeer.Stack.WAKU_LIGHT, JsPeer.options());
        assertEquals(service.peerId(), light.call("dial", "dialed", "addr", service.address()).get("remotePeer").asText());
        return new JsPeer[] {light, service};
    }

    private static Predicate<JsonNode> requestOn(String protocol) {
        return event -> event.get("protocol").asText().equals(protocol) && !event.get("request").isNull();
    }

    @Test
    void lightpushAndFilterGoThroughTheServiceNodeWithEqualHashes() {
        JsPeer[] nodes = lightConnectedTo(JsPeer.options());
        JsPeer light = nodes[0];
        JsPeer service = nodes[1];
        JsonNode metadata = service.await("request", requestOn("/vac/waku/metadata/1.0.0")).get("request");
        assertEquals(1, metadata.get("clusterId").asInt(), "js sends its cluster, and no shards");

        JsonNode pushed = light.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("up"));
        assertEquals("[\"" + service.peerId() + "\"]", pushed.get("successes").toString(), pushed.toString());
        JsonNode received = service.await("request", requestOn(LIGHTPUSH));
        assertEquals(pushed.get("hash").asText(), received.get("hash").asText());
        assertEquals(pushed.get("pubsubTopic").asText(), received.get("request").get("pubsubTopic").asText());

        JsonNode subscribed = light.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);
        JsonNode subscribe = service.await("request", requestOn(FILTER)).get("request");
        assertEquals("SUBSCRIBE", subscribe.get("filterSubscribeType").asText());
        assertEquals(subscribed.get("pubsubTopic").asText(), subscribe.get("pubsubTopic").asText());

        JsonNode push = service.call("push", "pushed", "peerId", light.peerId(), "pubsubTopic",
                subscribed.get("pubsubTopic").asText(), "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("down"),
                "timestamp", "1714474454978000001");
        JsonNode message = light.await("message", event -> true);
        assertEquals("down", JsPeer.text(message, "payload"));
        assertEquals("1714474454978000001", message.get("timestamp").asText());
        assertEquals(push.get("hash").asText(), message.get("hash").asText());

        light.call("ping", "pinged");
        assertEquals("SUBSCRIBER_PING", service.await("request", requestOn(FILTER)).get("request")
                .get("filterSubscribeType").asText());
        light.call("unsubscribe", "unsubscribed", "contentTopic", CONTENT_TOPIC);
        assertEquals("UNSUBSCRIBE", service.await("request", requestOn(FILTER)).get("request")
                .get("filterSubscribeType").asText());
    }

    @Test
    void aServiceNodeOfAnotherClusterIsNotUsed() {
        JsPeer light = lightConnectedTo(JsPeer.options().put("clusterId", 2))[0];

        JsonNode pushed = light.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("x"));
        assertEquals("No peer available", pushed.get("failures").get(0).get("error").asText(), pushed.toString());
        assertTrue(light.callFailing("subscribe", "contentTopic", CONTENT_TOPIC).get("message").asText()
                .endsWith("returned false (no filter peer was asked)"));
    }

    @Test
    void aServiceNodeRejectingRequestsSurfacesJsRejection() {
        JsPeer light = lightConnectedTo(JsPeer.options().put("lightpushStatus", 420).put("filterStatus", 503))[0];

        JsonNode pushed = light.call("lightpush", "pushed", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("x"));
        assertEquals("Remote peer rejected", pushed.get("failures").get(0).get("error").asText(), pushed.toString());
        assertTrue(light.callFailing("subscribe", "contentTopic", CONTENT_TOPIC).get("message").asText()
                .endsWith("returned false: subscribe: Remote peer rejected"));
    }
}
