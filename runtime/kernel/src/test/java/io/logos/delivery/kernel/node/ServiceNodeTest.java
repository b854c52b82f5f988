package io.logos.delivery.kernel.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestNodes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel nodes as light clients of a service node: one pushes, another receives through filter; the
 * service picks from its configured peers and relays to a relay peer.
 */
class ServiceNodeTest {

    private static final ShardingConfig SHARDING = new ShardingConfig(2, List.of(), 4);
    private static final ContentTopic TOPIC = ContentTopic.parse("/app/1/service/proto");
    private final TestNodes nodes = new TestNodes();

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void edgeNodesPushAndReceiveThroughTheirConfiguredServiceNode() throws Exception {
        KernelNode service = nodes.start(SHARDING, config -> config.withServices(true, true));
        KernelNode relayPeer = nodes.start(SHARDING);
        TestNodes.connect(relayPeer, service);
        PubsubTopic shard = service.relay().orElseThrow().pubsubTopicOf(TOPIC);
        Await.until(() -> service.relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY, "a relay peer");
        PeerManagerConfig clientPeers = PeerManagerConfig.builder(2)
                .serviceNode(PeerManagerConfig.LIGHTPUSH_PROTOCOL, service.listenAddresses().getFirst())
                .serviceNode(PeerManagerConfig.FILTER_PROTOCOL, service.listenAddresses().getFirst()).build();
        KernelNode sender = nodes.start(SHARDING, config -> config.withRelay(false).withPeers(clientPeers));
        KernelNode receiver = nodes.start(SHARDING, config -> config.withRelay(false).withPeers(clientPeers));
        assertTrue(sender.relay().isEmpty() && !sender.protocols().contains("/vac/waku/relay/2.0.0"));

        List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        var subscription = Await.await(receiver.filter().subscribe(shard, Set.of(TOPIC), received::add, Optional.empty()));
        assertEquals(service.peerId(), subscription.service());
        WakuMessage message = WakuMessage.builder().contentTopic(TOPIC.value())
                .payload("via the service".getBytes(StandardCharsets.UTF_8)).build();

        LightpushResult result = Await.await(sender.lightpush().push(Optional.empty(), message, Optional.empty()));

        assertEquals(LightpushResult.SUCCESS, result.statusCode(), result.toString());
        assertEquals(1, result.relayPeerCount());
        assertEquals(Optional.of(service.peerId()), result.service());
        Await.until(() -> received.size() == 1, "the receiver's filter delivers the message");
        assertEquals(result.hash(), received.getFirst().hash());
        assertEquals(shard, received.getFirst().pubsubTopic());
    }
}
