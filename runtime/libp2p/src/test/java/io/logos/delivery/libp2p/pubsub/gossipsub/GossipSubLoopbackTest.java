package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.logos.delivery.libp2p.mux.LoopbackNetwork.Connection;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gossipsub between Java peers over loopback TCP, Noise and yamux, as a host would wire it. */
class GossipSubLoopbackTest {

    private static final String TOPIC = "/waku/2/rs/1/0";
    /** nwaku's parameters with a fast heartbeat, so meshes form quickly. */
    private static final GossipSubConfig CONFIG = GossipSubConfig.wakuRelay().withGossip(GossipParams.nwaku().toBuilder()
            .heartbeatInterval(Duration.ofMillis(100)).heartbeatInitialDelay(Duration.ofMillis(10)).build());

    private LoopbackNetwork network;
    private final List<LoopbackPubSubNode> nodes = new ArrayList<>();

    @BeforeEach
    void startNetwork() throws InterruptedException {
        network = new LoopbackNetwork();
    }

    @AfterEach
    void stop() {
        nodes.forEach(LoopbackPubSubNode::close);
        network.close();
    }

    private List<LoopbackPubSubNode> subscribedNodes(int count) {
        for (int i = 0; i < count; i++) {
            LoopbackPubSubNode node = new LoopbackPubSubNode(CONFIG);
            node.subscribe(TOPIC);
            nodes.add(node);
        }
        return nodes;
    }

    private void connect(LoopbackPubSubNode dialer, LoopbackPubSubNode listener) throws Exception {
        Connection connection = network.connect();
        CompletableFuture<?> accepted = listener.upgrade(connection.listener(), false);
        CompletableFuture<?> dialed = dialer.upgrade(connection.dialer(), true);
        assertEquals(listener.id, await(dialed));
        assertEquals(dialer.id, await(accepted));
    }

    private static void awaitMeshWith(LoopbackPubSubNode node, LoopbackPubSubNode peer) {
        waitUntil(() -> node.gossip.meshPeers(TOPIC).join().contains(peer.id), node.id + " grafts " + peer.id);
    }

    @Test
    void twoPeersPublishToEachOther() throws Exception {
        List<LoopbackPubSubNode> pair = subscribedNodes(2);
        LoopbackPubSubNode a = pair.get(0);
        LoopbackPubSubNode b = pair.get(1);
        connect(a, b);
        awaitMeshWith(a, b);
        awaitMeshWith(b, a);

        PublishResult fromA = await(a.gossip.publish(TOPIC, "from a".getBytes()));
        PublishResult fromB = await(b.gossip.publish(TOPIC, "from b".getBytes()));

        assertEquals(1, fromA.peers());
        assertEquals(1, fromB.peers());
        waitUntil(() -> b.receivedCount("from a") == 1 && a.receivedCount("from b") == 1, "both messages arrive");
        assertEquals(1, a.receivedCount("from a"), "our own messages are delivered to us too");
        assertEquals(1, b.receivedCount("from b"));
    }

    @Test
    void messagesTravelBothWaysAlongALineOfFourPeers() throws Exception {
        List<LoopbackPubSubNode> line = subscribedNodes(4);
        for (int i = 0; i < 3; i++) {
            connect(line.get(i), line.get(i + 1));
        }
        for (int i = 0; i < 3; i++) {
            awaitMeshWith(line.get(i), line.get(i + 1));
            awaitMeshWith(line.get(i + 1), line.get(i));
        }

        List<String> sent = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (LoopbackPubSubNode publisher : List.of(line.getFirst(), line.getLast(), line.get(1))) {
                String data = "round " + round + " from " + publisher.id;
                assertTrue(await(publisher.gossip.publish(TOPIC, data.getBytes())).isPublished());
                sent.add(data);
            }
        }
        // a large message goes through the IDONTWANT path as well
        String large = "x".repeat(100_000);
        assertTrue(await(line.get(2).gossip.publish(TOPIC, large.getBytes())).isPublished());
        sent.add(large);

        for (LoopbackPubSubNode node : line) {
            waitUntil(() -> sent.stream().allMatch(data -> node.receivedCount(data) >= 1), node.id + " gets every message");
        }
        for (LoopbackPubSubNode node : line) {
            sent.forEach(data -> assertEquals(1, node.receivedCount(data), "exactly once"));
        }
    }

    @Test
    void aResetOutboundStreamIsReopened() throws Exception {
        List<LoopbackPubSubNode> pair = subscribedNodes(2);
        LoopbackPubSubNode a = pair.get(0);
        LoopbackPubSubNode b = pair.get(1);
        connect(a, b);
        awaitMeshWith(b, a);
        waitUntil(() -> b.inboundStreams.size() == 1, "a opened its stream to b");

        ((MuxedStreamChannel) b.inboundStreams.getFirst()).reset();
        waitUntil(() -> b.inboundStreams.size() == 2, "a opens a new stream to b");

        assertTrue(await(a.gossip.publish(TOPIC, "after the reset".getBytes())).isPublished());
        waitUntil(() -> b.receivedCount("after the reset") == 1, "b gets a's message on the new stream");
    }

    @Test
    void anOversizedFrameResetsOnlyItsStream() throws Exception {
        List<LoopbackPubSubNode> pair = subscribedNodes(2);
        LoopbackPubSubNode a = pair.get(0);
        LoopbackPubSubNode b = pair.get(1);
        connect(a, b);
        awaitMeshWith(a, b);

        MuxedStreamChannel rogue = await(a.connectionTo(b.id).openStream());
        await(MultistreamSelect.initiate(rogue, List.of(GossipSubConfig.WAKU_RELAY)));
        rogue.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // the reset we provoke
            }
        });
        ByteBuf lyingLength = Unpooled.buffer();
        Varint.write(lyingLength, CONFIG.gossip().maxMessageSize() + 1);
        rogue.writeAndFlush(lyingLength);
        await(rogue.closeFuture());

        assertTrue(await(b.gossip.publish(TOPIC, "still fine".getBytes())).isPublished());
        waitUntil(() -> a.receivedCount("still fine") == 1, "the pubsub streams still work");
    }
}
