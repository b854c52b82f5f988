package io.logos.delivery.kernel.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("data").resolve("peers.sqlite3");
    }

    @Test
    void aReopenedStoreKnowsEveryPeerAsBefore() {
        PeerId discovered = TestHosts.unknownPeer();
        PeerId configured = TestHosts.unknownPeer();
        List<PeerRecord> before;
        try (PeerStore store = PeerStore.open(file())) {
            store.add(discovered, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/60000/p2p/" + discovered)),
                    PeerOrigin.DISCV5);
            store.recordIdentify(discovered, List.of("/vac/waku/relay/2.0.0", "/vac/waku/store-query/3.0.0"),
                    List.of(Multiaddr.parse("/dns4/node.example/tcp/8000/wss"), Multiaddr.parse("/ip4/0.0.0.0/tcp/1")));
            store.recordMetadata(discovered, 1, Set.of(0, 3, 1023));
            store.recordConnected(discovered, Direction.OUTBOUND, T0);
            store.recordDisconnected(discovered, T0.plusSeconds(5));
            store.update(discovered, record -> record.withHistory(record.history().dialFailed(T0.plusSeconds(125))));
            store.add(configured, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/60000")), PeerOrigin.STATIC);
            before = store.all();
        }

        try (PeerStore reopened = PeerStore.open(file())) {
            assertEquals(Set.copyOf(before), Set.copyOf(reopened.all()));
            PeerRecord record = reopened.get(discovered).orElseThrow();
            assertEquals(List.of(Multiaddr.parse("/dns4/node.example/tcp/8000/wss"),
                    Multiaddr.parse("/ip4/10.0.0.1/tcp/60000")), record.addresses(), "no /p2p, no wildcard address");
            assertEquals(PeerOrigin.DISCV5, record.origin());
            assertEquals(Set.of("/vac/waku/relay/2.0.0", "/vac/waku/store-query/3.0.0"), record.protocols());
            assertEquals(OptionalInt.of(1), record.clusterId());
            assertEquals(Set.of(0, 3, 1023), record.shards());
            assertEquals(new ConnectionHistory(Optional.of(T0), Optional.of(T0.plusSeconds(5)),
                    Optional.of(Direction.OUTBOUND), 1, Optional.of(T0.plusSeconds(125))),
                    record.history());
        }
    }

    @Test
    void forgetRemovesThePeerFromTheFile() {
        PeerId kept = TestHosts.unknownPeer();
        PeerId forgotten = TestHosts.unknownPeer();
        try (PeerStore store = PeerStore.open(file())) {
            store.add(kept, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/1")), PeerOrigin.PEER_EXCHANGE);
            store.add(forgotten, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/1")), PeerOrigin.PEER_EXCHANGE);
        }
        try (PeerStore store = PeerStore.open(file())) {
            assertTrue(store.forget(forgotten));
            assertFalse(store.forget(forgotten));
        }
        try (PeerStore store = PeerStore.open(file())) {
            assertEquals(List.of(kept), store.all().stream().map(PeerRecord::peer).toList());
        }
    }

    @Test
    void concurrentChangesEndUpInTheFileAsInMemory() {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            peers.add(TestHosts.unknownPeer());
        }
        List<PeerRecord> last;
        try (PeerStore store = PeerStore.open(file())) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int round = 0; round < 200; round++) {
                        PeerId peer = peers.get((round + offset) % peers.size());
                        store.add(peer, List.of(Multiaddr.parse("/ip4/10.0.0." + offset + "/tcp/" + (round + 1))),
                                PeerOrigin.DISCV5);
                        store.recordConnected(peer, Direction.INBOUND, T0.plusSeconds(round));
                        if (round % 7 == offset) {
                            store.forget(peer);
                        }
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            last = store.all();
        }
        try (PeerStore reopened = PeerStore.open(file())) {
            assertEquals(Set.copyOf(last), Set.copyOf(reopened.all()));
        }
    }

    @Test
    void configurationOutranksDiscoveryAsOrigin() {
        PeerId peer = TestHosts.unknownPeer();
        PeerStore store = PeerStore.inMemory();
        store.add(peer, List.of(), PeerOrigin.DISCV5);
        assertEquals(PeerOrigin.DISCV5, store.add(peer, List.of(), PeerOrigin.PEER_EXCHANGE).origin());
        assertEquals(PeerOrigin.STATIC, store.add(peer, List.of(), PeerOrigin.STATIC).origin());
        assertEquals(PeerOrigin.STATIC, store.add(peer, List.of(), PeerOrigin.CONNECTION).origin());
    }

    @Test
    void aFileThatIsNoPeerStoreIsRefusedNamingIt() throws Exception {
        Files.createDirectories(file().getParent());
        Files.write(file(), "this is not an SQLite database, just text long enough to look like a header".repeat(20)
                .getBytes());

        PeerStoreException refused = assertThrows(PeerStoreException.class, () -> PeerStore.open(file()));

        assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
    }
}
