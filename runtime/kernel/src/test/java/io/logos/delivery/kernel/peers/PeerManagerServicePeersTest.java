package io.logos.delivery.kernel.peers;

import static io.logos.delivery.kernel.peers.PeerManagerConfig.FILTER_PROTOCOL;
import static io.logos.delivery.kernel.peers.PeerManagerConfig.LIGHTPUSH_PROTOCOL;
import static io.logos.delivery.kernel.peers.PeerManagerConfig.STORE_PROTOCOL;
import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Host;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Choosing service peers for light clients. */
class PeerManagerServicePeersTest {

    private final PeerManagerFixture fixture = new PeerManagerFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static void connectAndIdentify(PeerManager manager, Host peer, String protocol) throws Exception {
        manager.connect(TestHosts.address(peer)).get(10, TimeUnit.SECONDS);
        waitUntil(() -> manager.peerStore().get(peer.peerId()).filter(record -> record.serves(protocol)).isPresent(),
                "identify told that " + peer.peerId() + " serves " + protocol);
    }

    @Test
    void theConfiguredServicePeerIsChosenAndAReportedFailureLetsAnotherServe() throws Exception {
        Host configured = fixture.hosts.start(LIGHTPUSH_PROTOCOL);
        Host other = fixture.hosts.start(LIGHTPUSH_PROTOCOL);
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node, PeerManagerFixture.config()
                .serviceNode(LIGHTPUSH_PROTOCOL, TestHosts.address(configured)).build());
        connectAndIdentify(manager, other, LIGHTPUSH_PROTOCOL);

        assertEquals(configured.peerId(),
                manager.connectedPeerFor(LIGHTPUSH_PROTOCOL, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertTrue(!node.connections(configured.peerId()).isEmpty(), "the configured peer was dialed");

        manager.reportFailure(configured.peerId(), LIGHTPUSH_PROTOCOL);
        assertEquals(other.peerId(),
                manager.connectedPeerFor(LIGHTPUSH_PROTOCOL, Optional.empty()).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aShardIsServedByAPeerWhoseMetadataListsIt() throws Exception {
        Host onShardZero = fixture.hosts.start(FILTER_PROTOCOL);
        Host onShardThree = fixture.hosts.start(FILTER_PROTOCOL);
        PeerManager manager = fixture.manager(fixture.hosts.start(), PeerManagerFixture.config().build());
        connectAndIdentify(manager, onShardZero, FILTER_PROTOCOL);
        connectAndIdentify(manager, onShardThree, FILTER_PROTOCOL);
        manager.peerStore().recordMetadata(onShardZero.peerId(), PeerManagerFixture.CLUSTER, Set.of(0));
        manager.peerStore().recordMetadata(onShardThree.peerId(), PeerManagerFixture.CLUSTER, Set.of(3));

        // Ties are broken at random: ask repeatedly.
        for (int i = 0; i < 10; i++) {
            assertEquals(onShardThree.peerId(), manager.connectedPeerFor(FILTER_PROTOCOL,
                    Optional.of(PubsubTopic.of("/waku/2/rs/1/3"))).get(10, TimeUnit.SECONDS));
            assertEquals(onShardZero.peerId(), manager.connectedPeerFor(FILTER_PROTOCOL,
                    Optional.of(PubsubTopic.of("/waku/2/rs/1/0"))).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutAnyPeerServingTheProtocolTheRequestFails() throws Exception {
        PeerManager manager = fixture.manager(fixture.hosts.start(), PeerManagerFixture.config().build());
        connectAndIdentify(manager, fixture.hosts.start(FILTER_PROTOCOL), FILTER_PROTOCOL);

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> manager.connectedPeerFor(STORE_PROTOCOL, Optional.empty()).get(10, TimeUnit.SECONDS));

        assertInstanceOf(NoSuchElementException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains(STORE_PROTOCOL), failure.getCause().getMessage());
    }
}
