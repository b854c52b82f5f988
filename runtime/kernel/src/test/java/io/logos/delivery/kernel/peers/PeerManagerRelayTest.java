package io.logos.delivery.kernel.peers;

import static io.logos.delivery.kernel.peers.PeerManagerConfig.RELAY_PROTOCOL;
import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.host.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Relay peer targets and the IP colocation limit. */
class PeerManagerRelayTest {

    private final PeerManagerFixture fixture = new PeerManagerFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static boolean connected(Host a, Host b) {
        return !a.connections(b.peerId()).isEmpty();
    }

    @Test
    void theLoopDialsKnownRelayPeersOfOurShardsUpToTheOutboundTarget() throws Exception {
        // 12 connections at 50:50 → 6 relay peers → 2 outbound, 4 inbound.
        PeerManagerConfig config = PeerManagerFixture.config().maxConnections(12).build();
        assertEquals(2, config.outRelayTarget());
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node, config);
        manager.useLocalShards(() -> Set.of(0));
        List<Host> onOurShard = List.of(fixture.hosts.start(RELAY_PROTOCOL), fixture.hosts.start(RELAY_PROTOCOL),
                fixture.hosts.start(RELAY_PROTOCOL));
        Host onOtherShard = fixture.hosts.start(RELAY_PROTOCOL);
        Host ofOtherCluster = fixture.hosts.start(RELAY_PROTOCOL);
        PeerStore store = manager.peerStore();
        List<Host> known = new ArrayList<>(onOurShard);
        known.addAll(List.of(onOtherShard, ofOtherCluster));
        known.forEach(peer -> store.add(peer.peerId(), peer.listenAddresses(), PeerOrigin.PEER_EXCHANGE));
        onOurShard.forEach(peer -> store.recordMetadata(peer.peerId(), PeerManagerFixture.CLUSTER, Set.of(0, 1)));
        store.recordMetadata(onOtherShard.peerId(), PeerManagerFixture.CLUSTER, Set.of(7));
        store.recordMetadata(ofOtherCluster.peerId(), PeerManagerFixture.CLUSTER + 1, Set.of(0));

        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);
        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);

        assertEquals(2, onOurShard.stream().filter(peer -> connected(node, peer)).count());
        assertFalse(connected(node, onOtherShard), "a peer of other shards is not dialed");
        assertFalse(connected(node, ofOtherCluster), "a peer of another cluster is not dialed");
        assertEquals(2, node.connectionCount(Direction.OUTBOUND));
    }

    @Test
    void theLoopPrunesTheOldestInboundRelayPeersBeyondTheInboundTarget() throws Exception {
        // 6 connections at 50:50 → 3 relay peers → 1 outbound, 2 inbound.
        PeerManagerConfig config = PeerManagerFixture.config().maxConnections(6).build();
        assertEquals(2, config.inRelayTarget());
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node, config);
        manager.useLocalShards(() -> Set.of(0));
        List<Host> inbound = List.of(fixture.hosts.start(RELAY_PROTOCOL), fixture.hosts.start(RELAY_PROTOCOL),
                fixture.hosts.start(RELAY_PROTOCOL));
        for (Host peer : inbound) {
            peer.dial(node.dialableAddresses().getFirst()).get(10, TimeUnit.SECONDS);
            waitUntil(() -> manager.peerStore().get(peer.peerId()).filter(record -> record.serves(RELAY_PROTOCOL))
                    .isPresent(), "the node recorded and identified " + peer.peerId());
            fixture.clock.advance(Duration.ofSeconds(1));
        }

        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);

        waitUntil(() -> !connected(inbound.get(0), node), "the oldest inbound peer is disconnected");
        assertFalse(connected(node, inbound.get(0)));
        assertTrue(connected(node, inbound.get(1)) && connected(node, inbound.get(2)), "the newer ones stay");
    }

    @Test
    void anInboundPeerBeyondTheColocationLimitIsDisconnected() throws Exception {
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node, PeerManagerFixture.config().colocationLimit(1).build());
        Host first = fixture.hosts.start();
        Host second = fixture.hosts.start();
        Host dialedByUs = fixture.hosts.start();

        first.dial(node.dialableAddresses().getFirst()).get(10, TimeUnit.SECONDS);
        waitUntil(() -> connected(node, first), "the node registered the first peer");
        // It may see the connection open, or already closed: either way the node must close it.
        second.dial(node.dialableAddresses().getFirst()).handle((connection, failure) -> null)
                .get(10, TimeUnit.SECONDS);
        waitUntil(() -> manager.peerStore().get(second.peerId())
                        .flatMap(record -> record.history().lastDisconnected()).isPresent(),
                "the node registered, then closed, the second peer's connection");
        manager.connect(dialedByUs.dialableAddresses().getFirst().toString()).get(10, TimeUnit.SECONDS);

        waitUntil(() -> !connected(second, node), "the second peer saw the connection close");
        assertTrue(connected(node, first), "the first peer from 127.0.0.1 stays");
        assertTrue(connected(node, dialedByUs), "peers we dial do not count toward the limit");
    }
}
