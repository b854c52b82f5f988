package io.logos.delivery.messaging.health;

import static io.logos.delivery.messaging.health.ConnectionStatusRule.FILTER;
import static io.logos.delivery.messaging.health.ConnectionStatusRule.LIGHTPUSH;
import static io.logos.delivery.messaging.health.ConnectionStatusRule.RELAY;
import static io.logos.delivery.messaging.health.ConnectionStatusRule.STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.api.messaging.ConnectionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** nwaku's connection status table, row by row. */
class ConnectionStatusRuleTest {

    private int nextPeer;

    @Test
    void aRelayingNodeIsConnectedWithFourRelayPeersAndPartiallyWithFewer() {
        assertEquals(ConnectionStatus.CONNECTED, ConnectionStatusRule.of(true, peers(4, RELAY)));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatusRule.of(true, peers(3, RELAY)));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatusRule.of(true, peers(1, RELAY)));
    }

    @Test
    void aRelayingNodeWithoutRelayPeersIsJudgedByItsServicePeers() {
        assertEquals(ConnectionStatus.DISCONNECTED, ConnectionStatusRule.of(true, List.of()));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED,
                ConnectionStatusRule.of(true, peers(1, LIGHTPUSH, FILTER, STORE)));
    }

    @Test
    void relayPeersDoNotCountForANodeThatDoesNotRelay() {
        assertEquals(ConnectionStatus.DISCONNECTED, ConnectionStatusRule.of(false, peers(8, RELAY)));
    }

    @Test
    void anEdgeNodeNeedsALightPushAFilterAndAStorePeer() {
        assertEquals(ConnectionStatus.DISCONNECTED, ConnectionStatusRule.of(false, peers(2, LIGHTPUSH, FILTER)));
        assertEquals(ConnectionStatus.DISCONNECTED, ConnectionStatusRule.of(false, peers(2, FILTER, STORE)));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED,
                ConnectionStatusRule.of(false, peers(1, LIGHTPUSH, FILTER, STORE)));
        List<PeerInfo> separate = new ArrayList<>(peers(1, LIGHTPUSH));
        separate.addAll(peers(1, FILTER));
        separate.addAll(peers(1, STORE));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatusRule.of(false, separate));
    }

    @Test
    void anEdgeNodeIsConnectedWithTwoPeersForEveryService() {
        assertEquals(ConnectionStatus.CONNECTED, ConnectionStatusRule.of(false, peers(2, LIGHTPUSH, FILTER, STORE)));
        List<PeerInfo> oneStore = new ArrayList<>(peers(2, LIGHTPUSH, FILTER));
        oneStore.addAll(peers(1, STORE));
        assertEquals(ConnectionStatus.PARTIALLY_CONNECTED, ConnectionStatusRule.of(false, oneStore));
    }

    @Test
    void peersThatAreNotConnectedDoNotCount() {
        List<PeerInfo> gone = peers(2, LIGHTPUSH, FILTER, STORE).stream().map(peer -> new PeerInfo(peer.peerId(),
                peer.addresses(), peer.protocols(), peer.clusterId(), peer.shards(), peer.origin(), false)).toList();
        assertEquals(ConnectionStatus.DISCONNECTED, ConnectionStatusRule.of(false, gone));
    }

    private List<PeerInfo> peers(int count, String... protocols) {
        List<PeerInfo> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new PeerInfo(new PeerId("Peer" + "x".repeat(++nextPeer)), List.of(), Set.of(protocols), OptionalInt.of(0),
                    Set.of(0), PeerOrigin.STATIC, true));
        }
        return peers;
    }
}
