package io.logos.delivery.kernel.peers;

import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer manager's view of its peers: across restarts, and after forgetting one. */
class PeerManagerStoreTest {

    private static final String PROTOCOL = "/vac/waku/store-query/3.0.0";

    private final PeerManagerFixture fixture = new PeerManagerFixture();

    @TempDir
    Path folder;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aRestartedNodeKnowsItsPeers() throws Exception {
        Path file = folder.resolve("peers.sqlite3");
        Host peer = fixture.hosts.start(PROTOCOL);
        PeerManager before = fixture.manager(fixture.hosts.start(),
                PeerManagerFixture.config().peerStorePath(file).build());
        before.connect(TestHosts.address(peer)).get(10, TimeUnit.SECONDS);
        waitUntil(() -> before.peerStore().get(peer.peerId()).filter(record -> record.serves(PROTOCOL)).isPresent(),
                "identify recorded");
        before.peerStore().recordMetadata(peer.peerId(), PeerManagerFixture.CLUSTER, Set.of(2));
        before.close();

        PeerManager after = fixture.manager(fixture.hosts.start(),
                PeerManagerFixture.config().peerStorePath(file).build());

        PeerInfo known = after.all().stream().filter(info -> info.peerId().equals(PeerIds.toApi(peer.peerId())))
                .findFirst().orElseThrow();
        assertEquals(PeerOrigin.CONNECTION, known.origin());
        assertTrue(known.protocols().contains(PROTOCOL), known.protocols().toString());
        assertEquals(OptionalInt.of(PeerManagerFixture.CLUSTER), known.clusterId());
        assertEquals(Set.of(2), known.shards());
        assertEquals(List.of(peer.listenAddresses().getFirst().toString()), known.addresses());
        assertFalse(known.connected());
        assertEquals(List.of(), after.connected());
    }

    @Test
    void disconnectAndForgetDropsThePeer() throws Exception {
        Host peer = fixture.hosts.start();
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node, PeerManagerFixture.config().build());
        manager.connect(TestHosts.address(peer)).get(10, TimeUnit.SECONDS);
        assertEquals(1, manager.connected().size());

        manager.disconnectAndForget(peer.peerId(), "cluster 2 is not ours").get(10, TimeUnit.SECONDS);

        waitUntil(() -> peer.connections(node.peerId()).isEmpty(), "the peer saw the connection close");
        assertTrue(manager.peerStore().get(peer.peerId()).isEmpty());
        assertEquals(List.of(), manager.all());
    }
}
