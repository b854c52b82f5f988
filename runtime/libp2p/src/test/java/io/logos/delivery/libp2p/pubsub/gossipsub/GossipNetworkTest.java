package io.logos.delivery.libp2p.pubsub.gossipsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.gossipsub.InMemoryNetwork.Node;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many routers in memory: meshes form, messages reach every subscriber once, gossip repairs losses. */
class GossipNetworkTest {

    private static final String TOPIC = "/waku/2/rs/1/0";

    private static InMemoryNetwork subscribedNetwork(GossipSubConfig config, int size) {
        InMemoryNetwork network = new InMemoryNetwork(config);
        network.addNodes(size);
        network.connectAll();
        network.nodes.values().forEach(node -> node.subscribe(TOPIC));
        network.deliverAll();
        return network;
    }

    /** Each node connects to the next {@code degree / 2} nodes of a ring: every node has {@code degree} peers. */
    private static InMemoryNetwork ringNetwork(GossipSubConfig config, int size, int degree) {
        InMemoryNetwork network = new InMemoryNetwork(config);
        List<Node> nodes = network.addNodes(size);
        for (int i = 0; i < size; i++) {
            for (int step = 1; step <= degree / 2; step++) {
                network.connect(nodes.get(i), nodes.get((i + step) % size));
            }
        }
        nodes.forEach(node -> node.subscribe(TOPIC));
        network.deliverAll();
        return network;
    }

    @Test
    void meshesConvergeToBetweenDLowAndDHighAndAreSymmetric() {
        GossipSubConfig config = GossipSubConfig.wakuRelay();
        InMemoryNetwork network = subscribedNetwork(config, 20);

        network.heartbeats(10);

        GossipParams params = config.gossip();
        for (Node node : network.nodes.values()) {
            Set<PeerId> mesh = node.router.meshPeers(TOPIC);
            assertTrue(mesh.size() >= params.dLow() && mesh.size() <= params.dHigh(),
                    node + " has a mesh of " + mesh.size());
            for (PeerId peer : mesh) {
                assertTrue(network.nodes.get(peer).router.meshPeers(TOPIC).contains(node.id),
                        "mesh link " + node + " -> " + peer + " is not mutual");
            }
        }
    }

    @ParameterizedTest(name = "flood publish {0}")
    @ValueSource(booleans = {true, false})
    void everySubscriberReceivesEveryMessageExactlyOnce(boolean floodPublish) {
        GossipSubConfig config = GossipSubConfig.wakuRelay()
                .withGossip(GossipParams.nwaku().toBuilder().floodPublish(floodPublish).build());
        InMemoryNetwork network = ringNetwork(config, 30, 6);
        network.heartbeats(5);
        List<Node> nodes = List.copyOf(network.nodes.values());

        for (int i = 0; i < 10; i++) {
            PublishResult result = nodes.get(i * 3).router.publish(TOPIC, ("message " + i).getBytes());
            assertEquals(PublishResult.Status.PUBLISHED, result.status());
        }
        network.deliverAll();

        for (Node node : nodes) {
            for (int i = 0; i < 10; i++) {
                assertEquals(1, node.receivedCount("message " + i), node + " got message " + i);
            }
        }
    }

    @Test
    void aMessageLostOnItsWayIsRecoveredThroughGossip() {
        InMemoryNetwork network = subscribedNetwork(GossipSubConfig.wakuRelay(), 12);
        network.heartbeats(5);
        List<Node> nodes = List.copyOf(network.nodes.values());
        Node publisher = nodes.get(0);
        Node unlucky = nodes.get(7);
        network.lose = envelope -> envelope.to().equals(unlucky.id) && envelope.rpc().getPublishCount() > 0;

        publisher.router.publish(TOPIC, "lost once".getBytes());
        network.deliverAll();
        assertEquals(0, unlucky.receivedCount("lost once"));

        network.lose = envelope -> false;
        network.heartbeats(1);

        assertEquals(1, unlucky.receivedCount("lost once"));
        for (Node node : nodes) {
            assertEquals(1, node.receivedCount("lost once"), node + " got it once");
        }
    }

    @Test
    void meshesRecoverWhenPeersLeaveTheTopic() {
        GossipSubConfig config = GossipSubConfig.wakuRelay();
        InMemoryNetwork network = subscribedNetwork(config, 16);
        network.heartbeats(3);
        List<Node> nodes = List.copyOf(network.nodes.values());
        for (Node leaving : nodes.subList(0, 6)) {
            leaving.unsubscribe(TOPIC);
        }
        network.deliverAll();

        network.heartbeats(3);

        for (Node node : nodes.subList(6, 16)) {
            Set<PeerId> mesh = node.router.meshPeers(TOPIC);
            assertTrue(mesh.size() >= config.gossip().dLow(), node + " has a mesh of " + mesh.size());
            nodes.subList(0, 6).forEach(left -> assertFalse(mesh.contains(left.id), "a peer that left is still in a mesh"));
        }
    }
}
