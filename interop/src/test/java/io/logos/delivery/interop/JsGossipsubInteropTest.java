package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.host.HostPubSub;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gossipsub between the Java host and real js-libp2p peers on the Waku shard topic, under Waku relay's
 * protocol id and under plain {@code /meshsub/1.1.0}, with both pinned js stacks.
 */
class JsGossipsubInteropTest {

    private static final String TOPIC = "/waku/2/rs/1/0";

    private Host java;
    private GossipSub gossip;
    private final BlockingQueue<String> javaReceived = new LinkedBlockingQueue<>();
    private final List<JsPeer> peers = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (JsPeer peer : peers) {
            peer.close();
        }
        if (gossip != null) {
            gossip.close();
        }
        if (java != null) {
            java.stop().get(10, TimeUnit.SECONDS);
        }
    }

    static Stream<Arguments> stacksAndProtocols() {
        return Stream.of(JsPeer.Stack.LIBP2P3, JsPeer.Stack.WAKU_SDK).flatMap(stack -> Stream.of(GossipSubConfig.WAKU_RELAY,
                GossipSubConfig.MESHSUB_1_1).map(protocol -> Arguments.of(stack, protocol)));
    }

    private void startJava(String protocol) throws Exception {
        java = new Host(HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "logos-delivery-interop"));
        java.start().get(10, TimeUnit.SECONDS);
        GossipSubConfig relay = GossipSubConfig.wakuRelay();
        gossip = HostPubSub.attach(java, new GossipSubConfig(List.of(protocol), relay.gossip(), relay.score(),
                relay.thresholds(), relay.messageIdFunction()));
        gossip.subscribe(TOPIC, message -> javaReceived.add(new String(message.data(), StandardCharsets.UTF_8)));
    }

    private JsPeer jsPeer(JsPeer.Stack stack, String protocol) {
        ArrayNode protocols = JsPeer.options().arrayNode().add(protocol);
        JsPeer peer = JsPeer.start(stack, JsPeer.options().set("gossipProtocols", protocols));
        peers.add(peer);
        peer.call("subscribe", "subscribed", "topic", TOPIC);
        return peer;
    }

    private String javaAddress() {
        return java.dialableAddresses().getFirst().toString();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("stacksAndProtocols")
    void messagesFlowBothWays(JsPeer.Stack stack, String protocol) throws Exception {
        startJava(protocol);
        JsPeer js = jsPeer(stack, protocol);
        js.call("dial", "dialed", "addr", javaAddress());
        awaitJavaMesh(Set.of(PeerId.parse(js.peerId())));
        awaitJsMesh(js, java.peerId().toString());

        js.call("publish", "published", "topic", TOPIC, "data", JsPeer.base64("from js"));
        assertEquals("from js", next(javaReceived));

        gossip.publish(TOPIC, "from java".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        assertEquals("from java", JsPeer.text(js.await("message", event -> true), "data"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JsPeer.Stack.class, names = {"LIBP2P3", "WAKU_SDK"})
    void aMeshOfOneJavaAndThreeJsPeersDeliversEveryMessageToEverySubscriber(JsPeer.Stack stack) throws Exception {
        startJava(GossipSubConfig.WAKU_RELAY);
        List<JsPeer> js = List.of(jsPeer(stack, GossipSubConfig.WAKU_RELAY), jsPeer(stack, GossipSubConfig.WAKU_RELAY),
                jsPeer(stack, GossipSubConfig.WAKU_RELAY));
        for (JsPeer peer : js) {
            peer.call("dial", "dialed", "addr", javaAddress());
        }
        // one js-js link too, so messages take more than one path
        js.get(1).call("dial", "dialed", "addr", js.get(0).address());
        awaitJavaMesh(js.stream().map(peer -> PeerId.parse(peer.peerId())).collect(Collectors.toSet()));
        for (JsPeer peer : js) {
            awaitJsMesh(peer, java.peerId().toString());
        }

        gossip.publish(TOPIC, "java".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < js.size(); i++) {
            js.get(i).call("publish", "published", "topic", TOPIC, "data", JsPeer.base64("js" + i));
        }

        Set<String> all = Set.of("java", "js0", "js1", "js2");
        assertEquals(all, Set.of(next(javaReceived), next(javaReceived), next(javaReceived), next(javaReceived)),
                "the Java subscriber sees every message, its own included");
        for (int i = 0; i < js.size(); i++) {
            Set<String> expected = new HashSet<>(all);
            expected.remove("js" + i);
            Set<String> received = new HashSet<>();
            while (received.size() < expected.size()) {
                try {
                    received.add(JsPeer.text(js.get(i).await("message", event -> true), "data"));
                } catch (AssertionError e) {
                    throw new AssertionError("js peer " + i + " got only " + received + " of " + expected, e);
                }
            }
            assertEquals(expected, received, "js peer " + i + " sees every other peer's message");
        }
    }

    private void awaitJavaMesh(Set<PeerId> expected) throws Exception {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (!gossip.meshPeers(TOPIC).get(10, TimeUnit.SECONDS).containsAll(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Java mesh did not take in " + expected + " within " + JsPeer.TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitJsMesh(JsPeer js, String peer) throws InterruptedException {
        long deadline = System.nanoTime() + JsPeer.TIMEOUT.toNanos();
        while (!texts(js.call("meshPeers", "meshPeers", "topic", TOPIC).get("peers")).contains(peer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the js mesh did not take in " + peer + " within " + JsPeer.TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String message = queue.poll(JsPeer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + JsPeer.TIMEOUT);
        }
        return message;
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }
}
