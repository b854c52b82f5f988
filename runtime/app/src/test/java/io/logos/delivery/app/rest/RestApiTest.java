package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.Version;
import io.logos.delivery.app.logging.LogLevel;
import io.logos.delivery.app.logging.LogLevels;
import io.logos.delivery.app.rest.RestClient.Reply;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node with the REST API, admin endpoints and CORS for {@code http://localhost:*}: the routes that need no peer. */
class RestApiTest {

    private static final String SHARD = "/waku/2/rs/0/0";

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery node;
    private RestClient rest;

    @BeforeEach
    void startNode() {
        nodes = new RestNodes(root);
        node = nodes.start(RestNodes.protocols(), RestNodes.rest(true, List.of("http://localhost:*")));
        rest = RestNodes.client(node);
    }

    @AfterEach
    void stopNode() {
        nodes.close();
    }

    @Test
    void healthReportsEachProtocolAndTheConnectionStatus() {
        Reply reply = rest.get("/health");
        assertEquals(200, reply.status(), reply.body());
        JsonNode health = reply.json();
        assertEquals("READY", health.get("nodeHealth").asText());
        assertEquals("Disconnected", health.get("connectionStatus").asText());
        JsonNode relay = protocol(health, "Relay");
        assertEquals("NOT_READY", relay.get("Relay").asText());
        assertEquals("No connected peers", relay.get("desc").asText());
        assertEquals("NOT_MOUNTED", protocol(health, "Lightpush").get("Lightpush").asText());
        assertTrue(protocol(health, "Filter Client").get("desc").asText().contains("No Filter service peer"));
    }

    private static JsonNode protocol(JsonNode health, String name) {
        for (JsonNode protocol : health.get("protocolsHealth")) {
            if (protocol.has(name)) {
                return protocol;
            }
        }
        throw new AssertionError(name + " missing from " + health);
    }

    @Test
    void infoListsTheListenAddressesAndTheEnrAndVersionIsPlainText() {
        String enrUri = node.kernel().enrUri().orElseThrow();
        assertTrue(enrUri.startsWith("enr:"), enrUri);
        for (String path : List.of("/info", "/debug/v1/info")) {
            JsonNode info = rest.get(path).json();
            List<String> addresses = new ArrayList<>();
            info.get("listenAddresses").forEach(address -> addresses.add(address.asText()));
            assertEquals(node.kernel().listenAddresses(), addresses);
            assertEquals(enrUri, info.path("enrUri").asText(), info.toString());
        }
        for (String path : List.of("/version", "/debug/v1/version")) {
            Reply reply = rest.get(path);
            assertEquals(200, reply.status());
            assertEquals(Version.current(), reply.body());
            assertTrue(reply.header("Content-Type").startsWith("text/plain"));
        }
    }

    @Test
    void servesItsOpenApiDocument() {
        Reply reply = rest.get("/openapi.yaml");
        assertEquals(200, reply.status());
        assertEquals("application/yaml", reply.header("Content-Type"));
        assertTrue(reply.body().startsWith("openapi: 3."), reply.body());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405NamingTheAllowedOnes() {
        Reply unknown = rest.get("/relay/v9/nothing");
        assertEquals(404, unknown.status());
        assertEquals("Not found: /relay/v9/nothing", unknown.body());

        Reply wrongMethod = rest.get("/relay/v1/subscriptions");
        assertEquals(405, wrongMethod.status());
        assertEquals("DELETE, POST", wrongMethod.header("Allow"));

        Reply preflight = rest.send("OPTIONS", "/relay/v1/subscriptions", Map.of());
        assertEquals(200, preflight.status());
        assertEquals("DELETE, OPTIONS, POST", preflight.header("Access-Control-Allow-Methods"));
    }

    @Test
    void malformedJsonBadTopicsAndOversizedBodiesAreRefusedInPlainText() {
        Reply malformed = rest.post("/relay/v1/subscriptions", "[\"/waku/2/rs/0/1\"");
        assertEquals(400, malformed.status());
        assertTrue(malformed.body().startsWith("Invalid content body, could not decode: "), malformed.body());

        Reply empty = rest.post("/relay/v1/subscriptions", "");
        assertEquals(400, empty.status());
        assertEquals("Invalid content body, could not decode: Missing content body", empty.body());

        Reply badTopic = rest.post("/relay/v1/subscriptions", "[\"/waku/2/rs/0/1\", \"/waku/2/rs/x/1\"]");
        assertEquals(400, badTopic.status());
        assertEquals("Invalid pubsub topic(s): [/waku/2/rs/x/1]", badTopic.body());

        Reply badPathTopic = rest.get("/relay/v1/messages/" + encode("/waku/2/rs/0/zero"));
        assertEquals(400, badPathTopic.status());
        assertTrue(badPathTopic.body().contains("'/waku/2/rs/0/zero'"), badPathTopic.body());

        Reply badMessage = rest.post("/relay/v1/messages/" + encode(SHARD), "{\"payload\": \"AQI=\"}");
        assertEquals(400, badMessage.status());
        assertEquals("Invalid message: Field `contentTopic` is missing or empty", badMessage.body());

        int limit = RestServer.requestBodyLimit(node.config().maxMessageSize());
        byte[] oversized = new byte[limit + 100];
        Arrays.fill(oversized, (byte) ' ');
        Reply tooLarge = rest.post("/relay/v1/messages/" + encode(SHARD), oversized);
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.body().startsWith("Request body larger than " + limit + " bytes"), tooLarge.body());
    }

    @Test
    void theRelayCacheStartsWithTheNodesShardsAndAnswers404ForOthers() {
        Reply own = rest.get("/relay/v1/messages/" + encode(SHARD));
        assertEquals(200, own.status(), own.body());
        assertEquals("[]", own.body());
        Reply other = rest.get("/relay/v1/messages/" + encode("/waku/2/rs/0/7"));
        assertEquals(404, other.status());

        assertEquals(200, rest.post("/relay/v1/subscriptions", "[\"/waku/2/rs/0/7\"]").status());
        assertEquals(200, rest.get("/relay/v1/messages/" + encode("/waku/2/rs/0/7")).status());
        assertTrue(node.kernel().relay().orElseThrow().subscriptions().stream()
                .anyMatch(topic -> topic.value().equals("/waku/2/rs/0/7")));
        assertEquals(200, rest.delete("/relay/v1/subscriptions", "[\"/waku/2/rs/0/7\"]").status());
        assertEquals(404, rest.get("/relay/v1/messages/" + encode("/waku/2/rs/0/7")).status());
    }

    @Test
    void corsHeadersGoToAllowedOriginsAndOtherOriginsAre403() {
        Reply allowed = rest.send("GET", "/version", Map.of("Origin", "http://localhost:3000"));
        assertEquals(200, allowed.status());
        assertEquals("http://localhost:3000", allowed.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", allowed.header("Vary"));

        Reply refused = rest.send("GET", "/version", Map.of("Origin", "http://evil.example"));
        assertEquals(403, refused.status());
        assertEquals("Origin not allowed", refused.body());

        Reply noOrigin = rest.get("/version");
        assertEquals(200, noOrigin.status());
        assertNull(noOrigin.header("Access-Control-Allow-Origin"));
    }

    @Test
    void adminListsPeersRefusesBadAddressesAndSetsTheLogLevel() {
        Reply peers = rest.get("/admin/v1/peers");
        assertEquals(200, peers.status());
        assertEquals("[]", peers.body());

        Reply badAddress = rest.post("/admin/v1/peers", "[\"/ip4/127.0.0.1/tcp/1\"]");
        assertEquals(400, badAddress.status());
        assertTrue(badAddress.body().startsWith("Couldn't parse remote peer info: "), badAddress.body());

        LogLevel before = LogLevels.current();
        try {
            assertEquals(200, rest.post("/admin/v1/log-level/debug", "").status());
            assertEquals(LogLevel.DEBUG, LogLevels.current());
            Reply bad = rest.post("/admin/v1/log-level/loud", "");
            assertEquals(400, bad.status());
            assertTrue(bad.body().startsWith("Invalid log-level: loud."), bad.body());
        } finally {
            LogLevels.set(before);
        }
    }

    @Test
    void adminEndpointsAre404WithoutRestAdminAndTheServerStopsWithTheNode() {
        LogosDelivery plain = nodes.start(RestNodes.protocols(), RestNodes.rest(false, List.of()));
        RestClient plainRest = RestNodes.client(plain);
        Reply reply = plainRest.get("/admin/v1/peers");
        assertEquals(404, reply.status());
        assertEquals("/admin endpoints are not available. Please check your configuration: --rest-admin=true",
                reply.body());
        assertEquals(200, plainRest.get("/health").status());

        plain.stop();
        assertThrows(UncheckedIOException.class, () -> plainRest.get("/health"), "the REST API stops with the node");
    }

    @Test
    void lightpushWithoutAServicePeerIsAJsonError() {
        Reply reply = rest.post("/lightpush/v3/message",
                "{\"message\": {\"payload\": \"AQI=\", \"contentTopic\": \"/app/1/chat/proto\"}}");
        assertEquals(505, reply.status(), "no service peer could be reached: " + reply.body());
        assertTrue(reply.json().has("statusDesc"), reply.body());
        assertFalse(reply.json().has("relayPeerCount"), reply.body());

        Reply malformed = rest.post("/lightpush/v3/message", "{\"message\": ");
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().get("statusDesc").asText().startsWith("Invalid push request! "), malformed.body());
    }
}
