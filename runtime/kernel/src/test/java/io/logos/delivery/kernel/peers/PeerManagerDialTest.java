package io.logos.delivery.kernel.peers;

import static io.logos.delivery.testkit.time.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.kernel.testing.Blackhole;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dialing: static nodes, backoff, the parallel-dial cap. */
class PeerManagerDialTest {

    private static final DialBackoff BACKOFF = new DialBackoff(Duration.ofSeconds(10), 2, Duration.ofHours(1));

    private final PeerManagerFixture fixture = new PeerManagerFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private ConnectionHistory history(PeerManager manager, PeerId peer) {
        return manager.peerStore().get(peer).orElseThrow().history();
    }

    @Test
    void aStaticNodeIsRedialedByTheLoopAfterItDisconnects() throws Exception {
        Host staticNode = fixture.hosts.start();
        Host node = fixture.hosts.start();
        PeerManager manager = fixture.manager(node,
                PeerManagerFixture.config().staticNode(TestHosts.address(staticNode)).build());

        manager.start();
        waitUntil(() -> !node.connections(staticNode.peerId()).isEmpty(), "the static node is connected at start");
        List<Connection> first = node.connections(staticNode.peerId());
        staticNode.connections(node.peerId()).forEach(Connection::close);
        // the gap before a redial may be too short to observe: wait for the first connection to be gone
        waitUntil(() -> first.stream().noneMatch(Connection::isOpen), "the static node hung up");

        // the loop runs periodically; a pass that still saw the closing connection leaves it to the next one
        waitUntil(() -> {
            manager.runConnectivityLoop().join();
            return !node.connections(staticNode.peerId()).isEmpty();
        }, "the loop redialed the static node");
    }

    @Test
    void failedDialsGrowTheBackoffAndASuccessResetsIt() throws Exception {
        Host peer = fixture.hosts.start();
        PeerManager manager = fixture.manager(fixture.hosts.start(),
                PeerManagerFixture.config().backoff(BACKOFF).build());
        String unreachable = "/ip4/127.0.0.1/tcp/" + Blackhole.closedPort() + "/p2p/" + peer.peerId();

        for (int failures = 1; failures <= 3; failures++) {
            Instant now = fixture.clock.instant();
            CompletableFuture<?> dial = manager.connect(unreachable);
            // a dial the blackhole held fails at the latest at the dial timeout (twice it for the whole dial)
            assertThrows(ExecutionException.class, () -> dial.get(45, TimeUnit.SECONDS));
            ConnectionHistory history = history(manager, peer.peerId());
            assertEquals(failures, history.failedDials());
            // 10 s, 20 s, 40 s
            assertEquals(Optional.of(now.plus(Duration.ofSeconds(10L << (failures - 1)))), history.backoffUntil());
            fixture.clock.advance(Duration.ofMinutes(1));
        }

        manager.connect(TestHosts.address(peer)).get(10, TimeUnit.SECONDS);

        assertEquals(0, history(manager, peer.peerId()).failedDials());
        assertEquals(Optional.empty(), history(manager, peer.peerId()).backoffUntil());
    }

    @Test
    void theLoopRedialsAStaticNodeOnlyOnceItsBackoffIsOver() throws Exception {
        PeerId absent = TestHosts.unknownPeer();
        PeerManager manager = fixture.manager(fixture.hosts.start(), PeerManagerFixture.config().backoff(BACKOFF)
                .staticNode("/ip4/127.0.0.1/tcp/" + Blackhole.closedPort() + "/p2p/" + absent).build());

        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);
        assertEquals(1, history(manager, absent).failedDials());

        fixture.clock.advance(Duration.ofSeconds(9));
        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);
        assertEquals(1, history(manager, absent).failedDials(), "not redialed within the 10 s backoff");

        fixture.clock.advance(Duration.ofSeconds(1));
        manager.runConnectivityLoop().get(10, TimeUnit.SECONDS);
        assertEquals(2, history(manager, absent).failedDials(), "redialed once the backoff is over");
    }

    @Test
    void noMoreDialsThanTheCapAreInFlight() throws Exception {
        PeerManager manager = fixture.manager(fixture.hosts.start(), PeerManagerFixture.config().maxParallelDials(2)
                .build());
        List<PeerId> peers = new ArrayList<>();
        List<CompletableFuture<?>> dials = new ArrayList<>();
        try (Blackhole blackhole = new Blackhole()) {
            for (int i = 0; i < 5; i++) {
                PeerId peer = TestHosts.unknownPeer();
                peers.add(peer);
                dials.add(manager.connect(blackhole.address() + "/p2p/" + peer));
            }

            waitUntil(() -> blackhole.acceptedConnections() == 2, "two dials reached the blackhole");
            assertEquals(2, manager.dialsInFlight());
            assertEquals(3, manager.dialsQueued());
            assertEquals(2, blackhole.acceptedConnections(), "the queued dials did not start");
        }

        for (CompletableFuture<?> dial : dials) {
            // a dial the blackhole held fails at the latest at the dial timeout (twice it for the whole dial)
            assertThrows(ExecutionException.class, () -> dial.get(45, TimeUnit.SECONDS));
        }
        assertEquals(0, manager.dialsInFlight());
        assertEquals(0, manager.dialsQueued());
        for (PeerId peer : peers) {
            assertEquals(1, history(manager, peer).failedDials(), "each peer was dialed once");
        }
    }
}
