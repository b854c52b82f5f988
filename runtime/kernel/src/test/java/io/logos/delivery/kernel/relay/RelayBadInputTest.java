package io.logos.delivery.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.metadata.MetadataProtocol;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.kernel.testing.TestNodes;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostPubSub;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a relay node does with bad messages from a peer: drops them, and keeps serving everyone else. */
class RelayBadInputTest {

    private static final ShardingConfig SHARDING = new ShardingConfig(5, List.of(0), 0);
    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/5/0");

    private final TestNodes nodes = new TestNodes();
    private final TestHosts hosts = new TestHosts();
    private GossipSub rawRouter;

    @AfterEach
    void stop() throws Exception {
        if (rawRouter != null) {
            rawRouter.close();
        }
        nodes.close();
        hosts.stopAll();
    }

    /** A bare gossipsub peer under the relay protocol id that answers metadata for cluster 5. */
    private Host rawRelayPeer() throws Exception {
        Host raw = hosts.start();
        raw.setFramedHandler(MetadataProtocol.ID, 1024, stream -> stream.read().thenAccept(request ->
                stream.answerAndFinish(HexFormat.of().parseHex("080510001a0100"))));
        rawRouter = HostPubSub.attach(raw, GossipSubConfig.wakuRelay());
        rawRouter.subscribe(SHARD.value(), message -> { });
        return raw;
    }

    @Test
    void undecodableOversizedAndFieldlessMessagesAreDroppedWhileValidOnesFlow() throws Exception {
        KernelNode node = nodes.start(SHARDING);
        KernelNode neighbour = nodes.start(SHARDING);
        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        node.relay().orElseThrow().addMessageListener(received::add);
        List<ReceivedMessage> atNeighbour = new CopyOnWriteArrayList<>();
        neighbour.relay().orElseThrow().addMessageListener(atNeighbour::add);
        TestNodes.connect(neighbour, node);
        Await.until(() -> neighbour.relay().orElseThrow().health(SHARD) != TopicHealth.UNHEALTHY,
                "the neighbour and the node mesh");
        Host raw = rawRelayPeer();
        TestHosts.connect(raw, node.host());
        Await.until(() -> Await.done(rawRouter.meshPeers(SHARD.value())).contains(node.host().peerId()),
                "the raw peer is in the node's mesh");

        byte[] noContentTopic = HexFormat.of().parseHex("0a0131"); // payload only
        byte[] garbage = "definitely not protobuf".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(garbage, noContentTopic, new byte[] {(byte) 0xff, (byte) 0xff})) {
            Await.await(rawRouter.publish(SHARD.value(), bad));
        }
        byte[] valid = WakuMessageCodec.encode(WakuMessage.builder().contentTopic("/app/1/ok/proto")
                .payload("fine".getBytes(StandardCharsets.UTF_8)).build());
        Await.await(rawRouter.publish(SHARD.value(), valid));

        Await.until(() -> received.size() == 1 && atNeighbour.size() == 1,
                "the valid message reaches the node and is relayed to its neighbour " + received + " " + atNeighbour);
        assertEquals("fine", new String(received.getFirst().message().payload(), StandardCharsets.UTF_8));
        assertEquals(received.getFirst().hash(), atNeighbour.getFirst().hash());
        assertEquals(1, node.host().connections(raw.peerId()).size(), "one bad message costs score, not the link");
        assertTrue(node.relay().orElseThrow().health(SHARD) != TopicHealth.UNHEALTHY);
    }

    @Test
    void aPeerWhoseMetadataIsGarbageIsDisconnectedAndOthersStay() throws Exception {
        KernelNode node = nodes.start(SHARDING);
        KernelNode neighbour = nodes.start(SHARDING);
        TestNodes.connect(neighbour, node);
        Host liar = hosts.start();
        liar.setFramedHandler(MetadataProtocol.ID, 1024, stream -> stream.read().thenAccept(request ->
                stream.answerAndFinish(new byte[] {(byte) 0xff, 0x01, 0x02})));

        List<KernelEvent> events = new CopyOnWriteArrayList<>();
        node.addEventListener(events::add);
        TestHosts.connect(liar, node.host());

        Await.until(() -> events.contains(new KernelEvent.PeerDisconnected(PeerIds.toApi(liar.peerId()))),
                "the liar is disconnected");
        assertEquals(1, node.host().connections(neighbour.host().peerId()).size());
        assertTrue(node.peers().all().stream().noneMatch(peer -> peer.peerId().value().equals(liar.peerId().toString())),
                "and forgotten");
    }
}
