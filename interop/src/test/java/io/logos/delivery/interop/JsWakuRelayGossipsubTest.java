package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.host.HostPubSub;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java gossipsub under Waku relay's protocol id against a js-waku 0.0.27 relay node (relay.mjs): the
 * js node's own dial (a relay-protocol dial, then a wait for its mesh) reaches the Java mesh, and
 * WakuMessage bytes cross both ways. The Java relay service will sit on this layer.
 */
class JsWakuRelayGossipsubTest {

    private static final String PUBSUB_TOPIC = "/waku/2/rs/1/0";
    private static final String CONTENT_TOPIC = "/interop/1/relay/proto";

    private Host java;
    private GossipSub gossip;
    private JsPeer js;
    private final BlockingQueue<byte[]> javaReceived = new LinkedBlockingQueue<>();

    @AfterEach
    void stopAll() throws Exception {
        if (js != null) {
            js.close();
        }
        if (gossip != null) {
            gossip.close();
        }
        if (java != null) {
            java.stop().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void wakuMessagesCrossBetweenJavaGossipsubAndAJsRelayNode() throws Exception {
        java = new Host(HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "logos-delivery-interop"));
        java.start().get(10, TimeUnit.SECONDS);
        gossip = HostPubSub.attach(java, GossipSubConfig.wakuRelay());
        gossip.subscribe(PUBSUB_TOPIC, message -> javaReceived.add(message.data()));
        js = JsPeer.start(JsPeer.Stack.WAKU_RELAY, JsPeer.options());
        js.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);

        js.call("dial", "dialed", "addr", java.dialableAddresses().getFirst().toString());
        awaitJavaMesh(PeerId.parse(js.peerId()));

        js.call("send", "sent", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("from js"));
        byte[] fromJs = javaReceived.poll(JsPeer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals(startOfWakuMessage("from js"), Arrays.copyOf(fromJs, startOfWakuMessage("from js").length),
                "payload (1) then content topic (2) lead js's WakuMessage");

        gossip.publish(PUBSUB_TOPIC, startOfWakuMessage("from java")).get(10, TimeUnit.SECONDS);
        JsonNode received = js.await("message", event -> true);
        assertEquals("from java", JsPeer.text(received, "payload"));
        assertEquals(PUBSUB_TOPIC, received.get("pubsubTopic").asText());
    }

    /** A WakuMessage with only payload (field 1) and content topic (field 2), both shorter than 128 bytes. */
    private static byte[] startOfWakuMessage(String payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] topic = CONTENT_TOPIC.getBytes(StandardCharsets.UTF_8);
        bytes.write(0x0a);
        bytes.write(payloadBytes.length);
        bytes.writeBytes(payloadBytes);
        bytes.write(0x12);
        bytes.write(topic.length);
        bytes.writeBytes(topic);
        return bytes.toByteArray();
    }

    private void awaitJavaMesh(PeerId peer) throws Exception {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (!gossip.meshPeers(PUBSUB_TOPIC).get(10, TimeUnit.SECONDS).contains(peer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Java mesh did not take in " + peer + " within " + JsPeer.TIMEOUT);
            }
            Thread.sleep(50);
        }
    }
}
