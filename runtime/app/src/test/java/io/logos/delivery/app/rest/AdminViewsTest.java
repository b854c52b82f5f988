package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.ServiceAndClient.SHARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.rest.RestClient.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nwaku's admin views of relay, mesh, service peers, statistics and filter subscribers, over HTTP. */
class AdminViewsTest {

    private static final String CONTENT_TOPIC = "/admin-test/1/chat/proto";
    private static final String RELAY_CODEC = "/vac/waku/relay/2.0.0";

    @TempDir
    Path root;

    private ServiceAndClient pair;
    private RestClient serviceRest;
    private String clientSuffix;

    @BeforeEach
    void start() throws InterruptedException {
        pair = new ServiceAndClient(root);
        serviceRest = RestNodes.client(pair.service);
        clientSuffix = "/p2p/" + pair.client.kernel().peerId().value();
    }

    @AfterEach
    void stop() {
        pair.close();
    }

    private JsonNode json(String path) {
        Reply reply = serviceRest.get(path);
        assertEquals(200, reply.status(), path + ": " + reply.body());
        return reply.json();
    }

    /** The one peer listed, which must be the client. */
    private JsonNode theClient(JsonNode peers) {
        assertEquals(1, peers.size(), peers.toString());
        JsonNode peer = peers.get(0);
        assertTrue(peer.get("multiaddr").asText().endsWith(clientSuffix), peer.toString());
        assertEquals("Connected", peer.get("connected").asText());
        return peer;
    }

    @Test
    void relayAndMeshPeersAreListedPerShard() {
        JsonNode relay = json("/admin/v1/peers/relay");
        assertEquals(1, relay.size(), relay.toString());
        assertEquals(0, relay.get(0).get("shard").asInt());
        theClient(relay.get(0).get("peers"));
        assertEquals(relay.get(0), json("/admin/v1/peers/relay/on/0"));

        JsonNode mesh = json("/admin/v1/peers/mesh");
        assertEquals(0, mesh.get(0).get("shard").asInt());
        theClient(mesh.get(0).get("peers"));
        assertEquals(mesh.get(0), json("/admin/v1/peers/mesh/on/0"));

        assertEquals("{\"shard\":5,\"peers\":[]}", json("/admin/v1/peers/relay/on/5").toString(), "a shard not relayed");
        assertEquals("{\"shard\":5,\"peers\":[]}", json("/admin/v1/peers/mesh/on/5").toString());
        theClient(json("/admin/v1/peers/connected/on/0"));
        assertEquals("[]", json("/admin/v1/peers/connected/on/3").toString());

        Reply notAShard = serviceRest.get("/admin/v1/peers/relay/on/zero");
        assertEquals(400, notAShard.status());
        assertEquals("Invalid shardId: 'zero' is not a number", notAShard.body());
        assertEquals(400, serviceRest.get("/admin/v1/peers/mesh/on/65536").status());
        assertEquals(400, serviceRest.get("/admin/v1/peers/connected/on/-1").status());
    }

    @Test
    void servicePeersShowTheServiceProtocolsTheySpeak() {
        JsonNode servicePeers = RestNodes.client(pair.client).get("/admin/v1/peers/service").json();
        assertEquals(1, servicePeers.size(), servicePeers.toString());
        JsonNode service = servicePeers.get(0);
        assertTrue(service.get("multiaddr").asText().endsWith("/p2p/" + pair.service.kernel().peerId().value()));
        assertEquals("[\"/vac/waku/relay/2.0.0\",\"/vac/waku/filter-subscribe/2.0.0-beta1\","
                        + "\"/vac/waku/store-query/3.0.0\",\"/vac/waku/lightpush/2.0.0-beta1\","
                        + "\"/vac/waku/lightpush/3.0.0\"]", service.get("protocols").toString(),
                "nwaku's service protocols in its order");

        JsonNode client = theClient(json("/admin/v1/peers/service"));
        assertEquals("[\"" + RELAY_CODEC + "\"]", client.get("protocols").toString(), "the client serves relay only");
    }

    @Test
    void statsCountPeersByConnectednessShardAndProtocol() {
        JsonNode stats = json("/admin/v1/peers/stats");
        assertEquals(List.of("Sum", "By Connectedness", "Relay peers", "Mesh peers", "By Protocols"),
                fieldNames(stats), "nwaku's groups in its order");
        assertEquals("{\"Total peers\":1}", stats.get("Sum").toString());
        assertEquals("{\"Connected\":1,\"NotConnected\":0,\"CannotConnect\":0,\"CanConnect\":0}",
                stats.get("By Connectedness").toString());
        assertEquals("{\"0\":1,\"Total relay peers\":1}", stats.get("Relay peers").toString());
        assertEquals("{\"0\":1,\"Total mesh peers\":1}", stats.get("Mesh peers").toString());
        assertEquals(1, stats.get("By Protocols").get(RELAY_CODEC).asInt());
        assertEquals(0, stats.get("By Protocols").get("/vac/waku/lightpush/3.0.0").asInt());
        assertEquals(8, stats.get("By Protocols").size());
    }

    @Test
    void filterSubscribersAreListedWithTheirCriteria() {
        assertEquals("[]", json("/admin/v1/filter/subscriptions").toString());
        Reply subscribed = RestNodes.client(pair.client).post("/filter/v2/subscriptions",
                "{\"requestId\": \"1\", \"contentFilters\": [\"" + CONTENT_TOPIC + "\"]}");
        assertEquals(200, subscribed.status(), subscribed.body());

        assertEquals("[{\"peerId\":\"" + pair.client.kernel().peerId().value() + "\",\"filterCriteria\":"
                        + "[{\"pubsubTopic\":\"" + SHARD + "\",\"contentTopic\":\"" + CONTENT_TOPIC + "\"}]}]",
                json("/admin/v1/filter/subscriptions").toString());

        Reply filterOff = RestNodes.client(pair.client).get("/admin/v1/filter/subscriptions");
        assertEquals(400, filterOff.status());
        assertEquals("Error: Filter Protocol is not mounted to the node", filterOff.body());
    }

    @Test
    void aNodeThatDoesNotRelayAnswers503ForTheRelayViews() {
        ProtocolsConfig edge = new ProtocolsConfig(false, false, false, List.of(), 1, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), 1000, 1000, 300,
                ProtocolsConfig.DEFAULT_RETENTION_POLICY, false);
        LogosDelivery node = pair.nodes.start(edge, RestNodes.rest(true, List.of()));
        RestClient rest = RestNodes.client(node);
        for (String path : List.of("/admin/v1/peers/relay", "/admin/v1/peers/relay/on/0", "/admin/v1/peers/mesh",
                "/admin/v1/peers/mesh/on/0")) {
            Reply reply = rest.get(path);
            assertEquals(503, reply.status(), path);
            assertEquals("Error: Relay Protocol is not mounted to the node", reply.body());
        }
        JsonNode stats = rest.get("/admin/v1/peers/stats").json();
        assertEquals("{\"Total relay peers\":0}", stats.get("Relay peers").toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
