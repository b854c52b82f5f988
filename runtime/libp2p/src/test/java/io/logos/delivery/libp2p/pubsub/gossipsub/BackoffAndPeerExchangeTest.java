package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.grafts;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.prunes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PeerScoreThresholds;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gossipsub v1.1 PRUNE backoff and peer exchange, and how v1.0 peers are spared both. */
class BackoffAndPeerExchangeTest {

    @Test
    void aPeerThatPrunedUsIsNotGraftedAgainBeforeItsBackoffAndTheSlackEnd() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.heartbeat();
        assertEquals(Set.of(peer), harness.mesh());

        harness.receive(peer, Rpcs.prune(TOPIC, 30));
        assertEquals(Set.of(), harness.mesh());
        harness.forgetSent();

        // backoff 30 s plus 1 s slack: the mesh stays below D_low, yet no GRAFT goes out until then
        for (int second = 1; second <= 30; second++) {
            harness.heartbeat();
            assertEquals(List.of(), grafts(harness.takeSent(peer)), "grafted after " + second + " s");
        }
        harness.heartbeat();
        assertEquals(List.of(TOPIC), grafts(harness.takeSent(peer)));
        assertEquals(Set.of(peer), harness.mesh());
    }

    @Test
    void aPruneWithoutBackoffUsesThePruneBackoffParameter() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.heartbeat();
        harness.receive(peer, Rpcs.barePrune(TOPIC));

        for (int second = 1; second <= 60; second++) {
            harness.heartbeat();
        }
        assertEquals(Set.of(), harness.mesh());
        harness.heartbeat();
        assertEquals(Set.of(peer), harness.mesh());
    }

    @Test
    void aGraftDuringTheBackoffIsPrunedAgainAndPenalised() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.heartbeat();
        harness.receive(peer, Rpcs.prune(TOPIC, 60));
        harness.heartbeat();
        harness.forgetSent();

        harness.receive(peer, Rpcs.graft(TOPIC));

        List<ControlPrune> answer = prunes(harness.takeSent(peer));
        assertEquals(1, answer.size());
        assertEquals(60, answer.getFirst().getBackoff());
        assertEquals(Set.of(), harness.mesh());
        // two behaviour penalties (backoff, and within the graft flood threshold), squared, weight -1
        assertEquals(-4.0, harness.router.score(peer), 1e-9);
    }

    @Test
    void aV10PeerGetsBarePrunesAndNoPenaltyForGraftingDuringABackoffItWasNeverTold() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("old", GossipSubConfig.MESHSUB_1_0, ConnectionDirection.OUTBOUND);
        harness.receive(peer, Rpcs.graft(TOPIC));
        harness.unsubscribe();
        ControlPrune prune = prunes(harness.takeSent(peer)).getFirst();
        assertFalse(prune.hasBackoff());
        assertEquals(0, prune.getPeersCount());

        harness.subscribe();
        harness.receive(peer, Rpcs.graft(TOPIC));

        assertEquals(1, prunes(harness.takeSent(peer)).size());
        assertEquals(0.0, harness.router.score(peer), 1e-9);
    }

    @Test
    void prunesOfAnOversubscribedMeshOfferOtherPeersWhenPeerExchangeIsOn() {
        GossipParams params = GossipParams.defaults().toBuilder().degrees(2, 1, 3).dScore(1).dOut(0)
                .peerExchange(true).prunePeers(3).build();
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults().withGossip(params));
        List<PeerId> peers = List.of(harness.connectSubscribed("a"), harness.connectSubscribed("b"),
                harness.connectSubscribed("c"), harness.connectSubscribed("d"), harness.connectSubscribed("e"));
        peers.forEach(peer -> harness.receive(peer, Rpcs.graft(TOPIC)));
        harness.forgetSent();

        harness.heartbeat();

        assertEquals(2, harness.mesh().size());
        for (PeerId peer : peers) {
            List<ControlPrune> prunes = prunes(harness.takeSent(peer));
            if (!harness.mesh().contains(peer)) {
                assertEquals(3, prunes.getFirst().getPeersCount());
                assertEquals(60, prunes.getFirst().getBackoff());
            }
        }
    }

    @Test
    void exchangedPeersAreHandedToTheHostOnlyFromPeersAboveTheAcceptThreshold() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId pruner = harness.connectSubscribed("pruner");
        PeerId connected = harness.connectSubscribed("connected");
        PeerId stranger = TestPeers.peer("stranger");

        harness.receive(pruner, Rpcs.prune(TOPIC, 60, stranger, connected, harness.self));

        assertEquals(List.of(List.of(new ExchangedPeer(stranger, Optional.empty()))), harness.exchanged);

        RouterHarness picky = RouterHarness.subscribed(GossipSubConfig.defaults()
                .withThresholds(new PeerScoreThresholds(-100, -1000, -10000, 5, 0)));
        PeerId lowScore = picky.connectSubscribed("pruner");
        picky.receive(lowScore, Rpcs.prune(TOPIC, 60, stranger));
        assertTrue(picky.exchanged.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000_000_000_000L, -1L /* 2^64 - 1 as uint64 */})
    void aRequestedBackoffIsCappedAtAnHour(long backoffSeconds) {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.heartbeat();

        harness.receive(peer, Rpcs.prune(TOPIC, backoffSeconds));
        harness.time.advance(Duration.ofMinutes(59));
        harness.heartbeat();
        assertEquals(Set.of(), harness.mesh());
        harness.time.advance(Duration.ofMinutes(2));
        harness.heartbeat();

        assertEquals(Set.of(peer), harness.mesh());
    }
}
