package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.host.PeerIdentity;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.protocol.identify.IdentifyProtocol;
import io.logos.delivery.libp2p.protocol.ping.PingProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java host and real js-libp2p peers — plain js-libp2p 3 and the libp2p 2 line of @waku/sdk 0.0.36:
 * dialing both ways, Noise, yamux and mplex each, identify, ping.
 */
class JsLibp2pInteropTest {

    private Host java;
    private final List<JsPeer> peers = new ArrayList<>();

    @BeforeEach
    void startJavaHost() throws Exception {
        java = new Host(HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "logos-delivery-interop"));
        java.start().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (JsPeer peer : peers) {
            peer.close();
        }
        java.stop().get(10, TimeUnit.SECONDS);
    }

    static Stream<Arguments> stacksAndMuxers() {
        return Stream.of(JsPeer.Stack.LIBP2P3, JsPeer.Stack.WAKU_SDK)
                .flatMap(stack -> Stream.of("yamux", "mplex").map(muxer -> Arguments.of(stack, muxer)));
    }

    private JsPeer jsPeer(JsPeer.Stack stack, String muxer) {
        JsPeer peer = JsPeer.start(stack, JsPeer.options().set("muxers", JsPeer.options().arrayNode().add(muxer)));
        peers.add(peer);
        return peer;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("stacksAndMuxers")
    void javaDialsJs(JsPeer.Stack stack, String muxer) throws Exception {
        JsPeer js = jsPeer(stack, muxer);

        Connection connection = java.dial(Multiaddr.parse(js.address())).get(20, TimeUnit.SECONDS);

        PeerId jsPeerId = PeerId.parse(js.peerId());
        assertEquals(jsPeerId, connection.remotePeer());
        assertEquals("/" + muxer + (muxer.equals("yamux") ? "/1.0.0" : "/6.7.0"), connection.muxer());
        awaitIdentity(jsPeerId);
        PeerIdentity seen = java.identity(jsPeerId).orElseThrow();
        assertTrue(seen.supports(IdentifyProtocol.ID) && seen.supports(PingProtocol.ID), seen.protocols().toString());
        assertTrue(seen.agentVersion().startsWith("js-libp2p/"), seen.agentVersion());
        assertEquals(js.address(), seen.listenAddresses().getFirst() + "/p2p/" + js.peerId());

        JsonNode identified = js.await("identify", event -> event.get("peer").asText().equals(java.peerId().toString()));
        assertEquals(java.protocols(), texts(identified.get("protocols")).stream().sorted().toList());
        assertEquals(java.listenAddresses().stream().map(Multiaddr::toString).toList(),
                texts(identified.get("listenAddrs")));
        assertEquals("logos-delivery-interop", identified.get("agentVersion").asText());

        Duration rtt = java.ping(jsPeerId).get(10, TimeUnit.SECONDS);
        assertTrue(rtt.toNanos() > 0);
        JsonNode jsPing = js.call("ping", "ping", "addr", java.dialableAddresses().getFirst().toString());
        assertTrue(jsPing.get("rtt").asDouble() >= 0);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("stacksAndMuxers")
    void jsDialsJava(JsPeer.Stack stack, String muxer) throws Exception {
        JsPeer js = jsPeer(stack, muxer);

        JsonNode dialed = js.call("dial", "dialed", "addr", java.dialableAddresses().getFirst().toString());

        assertEquals(java.peerId().toString(), dialed.get("remotePeer").asText());
        assertEquals("/noise", dialed.get("encryption").asText());
        assertTrue(dialed.get("muxer").asText().startsWith("/" + muxer + "/"), dialed.toString());
        JsonNode identified = js.await("identify", event -> event.get("peer").asText().equals(java.peerId().toString()));
        assertTrue(texts(identified.get("protocols")).contains(PingProtocol.ID));

        PeerId jsPeerId = PeerId.parse(js.peerId());
        awaitIdentity(jsPeerId);
        assertEquals(1, java.connections(jsPeerId).size());
        assertTrue(js.call("ping", "ping", "addr", java.dialableAddresses().getFirst().toString())
                .get("rtt").asDouble() >= 0);
        assertTrue(java.ping(jsPeerId).get(10, TimeUnit.SECONDS).toNanos() > 0);
    }

    private void awaitIdentity(PeerId peer) throws InterruptedException {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (java.identity(peer).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the js peer " + peer + " was not identified within " + JsPeer.TIMEOUT);
            }
            Thread.sleep(10);
        }
    }
}
