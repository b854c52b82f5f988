package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.grafts;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.prunes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PeerScoreParams;
import io.logos.delivery.libp2p.pubsub.PeerScoreThresholds;
import io.logos.delivery.libp2p.pubsub.TopicScoreParams;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Gossipsub v1.1 peer scoring with nwaku's parameters unless a test says otherwise. */
class ScoringTest {

    private static final double EPSILON = 1e-9;

    private static RouterHarness nwaku() {
        return RouterHarness.subscribed(GossipSubConfig.wakuRelay());
    }

    /** Rejects messages whose data starts with "bad". */
    private static void rejectBad(RouterHarness harness) {
        harness.router.addValidator(TOPIC, m -> CompletableFuture.completedFuture(
                new String(m.data()).startsWith("bad") ? ValidationResult.REJECT : ValidationResult.ACCEPT));
    }

    @Test
    void aPeerSendingInvalidMessagesIsPenalisedPrunedAndFinallyGraylisted() {
        RouterHarness harness = nwaku();
        rejectBad(harness);
        PeerId spammer = harness.connectSubscribed("spammer");
        harness.receive(spammer, Rpcs.graft(TOPIC));

        harness.receive(spammer, Rpcs.publish(Rpcs.message(TOPIC, "bad 0")));
        assertEquals(-100.0, harness.router.score(spammer), EPSILON);
        harness.heartbeat();
        assertFalse(harness.mesh().contains(spammer), "negative peers are pruned");

        for (int i = 1; i <= 10; i++) {
            harness.receive(spammer, Rpcs.publish(Rpcs.message(TOPIC, "bad " + i)));
        }
        assertEquals(-100.0 * 11 * 11, harness.router.score(spammer), EPSILON);

        harness.receive(spammer, Rpcs.publish(Rpcs.message(TOPIC, "good")));
        harness.receive(spammer, Rpcs.subscribe("/another/topic"));
        assertTrue(harness.delivered.isEmpty(), "a graylisted peer's RPCs are ignored");
        assertEquals(Set.of(), harness.router.topicPeers("/another/topic"));

        harness.heartbeat();
        assertEquals(List.of(spammer), harness.disconnectRequests, "nwaku disconnects bad peers");
    }

    @Test
    void penaltiesDecayEveryIntervalUntilTheyCountAsZero() {
        RouterHarness harness = nwaku();
        rejectBad(harness);
        PeerId peer = harness.connectSubscribed("a");
        harness.receive(peer, Rpcs.publish(Rpcs.message(TOPIC, "bad")));
        assertEquals(-100.0, harness.router.score(peer), EPSILON);

        harness.router.decayScores();
        assertEquals(-100.0 * 0.5 * 0.5, harness.router.score(peer), EPSILON);
        for (int i = 0; i < 6; i++) {
            harness.router.decayScores();
        }
        // 0.5^7 < 0.01 (decay to zero)
        assertEquals(0.0, harness.router.score(peer), EPSILON);
    }

    @Test
    void behaviourPenaltiesDecayToo() {
        RouterHarness harness = nwaku();
        PeerId peer = harness.connectSubscribed("a");
        harness.heartbeat();
        harness.receive(peer, Rpcs.prune(TOPIC, 60));
        harness.receive(peer, Rpcs.graft(TOPIC)); // two penalties
        assertEquals(-10.0 * 4, harness.router.score(peer), EPSILON);

        harness.router.decayScores();

        assertEquals(-10.0 * Math.pow(2 * 0.986, 2), harness.router.score(peer), EPSILON);
    }

    @Test
    void aNegativeScoreIsRetainedAcrossReconnectsUntilTheRetainTimeEnds() {
        RouterHarness harness = nwaku();
        rejectBad(harness);
        PeerId peer = harness.connectSubscribed("a");
        harness.receive(peer, Rpcs.publish(Rpcs.message(TOPIC, "bad")));

        harness.router.removePeer(peer);
        harness.router.decayScores();
        harness.router.addPeer(peer, GossipSubConfig.WAKU_RELAY, ConnectionDirection.OUTBOUND, Optional.empty());
        assertEquals(-100.0, harness.router.score(peer), EPSILON, "retained, and not decayed while away");

        harness.router.removePeer(peer);
        harness.time.advance(Duration.ofMinutes(10));
        harness.router.decayScores();
        harness.router.addPeer(peer, GossipSubConfig.WAKU_RELAY, ConnectionDirection.OUTBOUND, Optional.empty());
        assertEquals(0.0, harness.router.score(peer), EPSILON, "forgotten after 10 minutes");
    }

    @Test
    void timeInMeshAndFirstDeliveriesEarnScore() {
        RouterHarness harness = nwaku();
        PeerId peer = harness.connectSubscribed("a");
        harness.receive(peer, Rpcs.graft(TOPIC));

        harness.time.advance(Duration.ofSeconds(5));
        assertEquals(0.05, harness.router.score(peer), EPSILON, "P1: 0.01 per second in the mesh");
        harness.time.advance(Duration.ofSeconds(2000));
        assertEquals(0.1, harness.router.score(peer), EPSILON, "P1 is capped at 10 seconds' worth");

        harness.receive(peer, Rpcs.publish(Rpcs.message(TOPIC, "first")));
        harness.receive(peer, Rpcs.publish(Rpcs.message(TOPIC, "second")));
        assertEquals(2.1, harness.router.score(peer), EPSILON, "P2: 1 per first delivery");
    }

    @Test
    void manyPeersBehindOneAddressArePenalisedForColocation() throws Exception {
        RouterHarness harness = nwaku();
        InetAddress shared = InetAddress.getByName("192.0.2.7");
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            peers.add(harness.connect("p" + i, GossipSubConfig.WAKU_RELAY, ConnectionDirection.INBOUND, Optional.of(shared)));
        }
        PeerId elsewhere = harness.connect("elsewhere", GossipSubConfig.WAKU_RELAY, ConnectionDirection.INBOUND,
                Optional.of(InetAddress.getByName("198.51.100.1")));

        // 7 peers, 5 tolerated: -50 × 2²
        peers.forEach(peer -> assertEquals(-200.0, harness.router.score(peer), EPSILON));
        assertEquals(0.0, harness.router.score(elsewhere), EPSILON);
        harness.router.removePeer(peers.getFirst());
        assertEquals(-50.0, harness.router.score(peers.get(1)), EPSILON);
    }

    @Test
    void meshPeersThatDeliverTooLittleArePenalisedAndKeepAStickyPenaltyAfterPruning() {
        TopicScoreParams topic = new TopicScoreParams.Builder()
                .meshMessageDeliveries(-1, 0.5, 4, 10, Duration.ofSeconds(5), Duration.ofMillis(10))
                .meshFailurePenalty(-1, 0.5)
                .build();
        GossipSubConfig config = GossipSubConfig.defaults()
                .withScore(PeerScoreParams.defaults().toBuilder().defaultTopicParams(topic).build());
        RouterHarness harness = RouterHarness.subscribed(config);
        PeerId lazy = harness.connectSubscribed("lazy");
        PeerId busy = harness.connectSubscribed("busy");
        harness.receive(lazy, Rpcs.graft(TOPIC));
        harness.receive(busy, Rpcs.graft(TOPIC));
        for (int i = 0; i < 4; i++) {
            var message = Rpcs.message(TOPIC, "m" + i);
            harness.receive(busy, Rpcs.publish(message));
            harness.time.advance(Duration.ofSeconds(1));
            harness.receive(lazy, Rpcs.publish(message)); // a replay long after validation: no credit
        }

        harness.time.advance(Duration.ofSeconds(6));
        assertEquals(-16.0, harness.router.score(lazy), EPSILON, "deficit 4, squared");
        assertEquals(0.0, harness.router.score(busy), EPSILON);

        harness.heartbeat(); // prunes the negative peer
        assertFalse(harness.mesh().contains(lazy));
        assertEquals(-16.0, harness.router.score(lazy), EPSILON, "P3b keeps the deficit after the prune");
        assertEquals(1, prunes(harness.takeSent(lazy)).size());
    }

    @Test
    void copiesArrivingWithinTheDeliveryWindowCountAsMeshDeliveries() {
        TopicScoreParams topic = new TopicScoreParams.Builder()
                .meshMessageDeliveries(-1, 0.5, 1, 10, Duration.ZERO, Duration.ofMillis(10))
                .build();
        GossipSubConfig config = GossipSubConfig.defaults()
                .withScore(PeerScoreParams.defaults().toBuilder().defaultTopicParams(topic).build());
        RouterHarness harness = RouterHarness.subscribed(config);
        PeerId first = harness.connectSubscribed("first");
        PeerId second = harness.connectSubscribed("second");
        harness.receive(first, Rpcs.graft(TOPIC));
        harness.receive(second, Rpcs.graft(TOPIC));
        harness.time.advance(Duration.ofMillis(1));

        var message = Rpcs.message(TOPIC, "raced");
        harness.receive(first, Rpcs.publish(message));
        harness.time.advance(Duration.ofMillis(5));
        harness.receive(second, Rpcs.publish(message));

        assertEquals(0.0, harness.router.score(second), EPSILON, "near-first: no deficit");
    }

    @Test
    void opportunisticGraftingAddsPeersScoringAboveAPoorMeshMedian() {
        GossipParams params = GossipParams.defaults().toBuilder().opportunisticGraftTicks(3).build();
        TopicScoreParams topic = new TopicScoreParams.Builder().firstMessageDeliveries(1, 0.9, 100).build();
        GossipSubConfig config = GossipSubConfig.defaults().withGossip(params)
                .withScore(PeerScoreParams.defaults().toBuilder().defaultTopicParams(topic).build())
                .withThresholds(new PeerScoreThresholds(-100, -1000, -10000, 0, 2));
        RouterHarness harness = RouterHarness.subscribed(config);
        List<PeerId> meshPeers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            meshPeers.add(harness.connectSubscribed("mesh" + i));
        }
        harness.heartbeat();
        assertEquals(Set.copyOf(meshPeers), harness.mesh());
        PeerId good1 = harness.connectSubscribed("good1");
        PeerId good2 = harness.connectSubscribed("good2");
        PeerId good3 = harness.connectSubscribed("good3");
        for (int i = 0; i < 5; i++) {
            harness.receive(good1, Rpcs.publish(Rpcs.message(TOPIC, "g1-" + i)));
            harness.receive(good2, Rpcs.publish(Rpcs.message(TOPIC, "g2-" + i)));
            harness.receive(good3, Rpcs.publish(Rpcs.message(TOPIC, "g3-" + i)));
        }
        harness.forgetSent();

        harness.heartbeat(); // tick 2
        assertEquals(6, harness.mesh().size());
        harness.heartbeat(); // tick 3: median 0 < 2

        assertEquals(8, harness.mesh().size());
        long grafted = List.of(good1, good2, good3).stream()
                .filter(peer -> grafts(harness.takeSent(peer)).contains(TOPIC)).count();
        assertEquals(2, grafted, "opportunistic graft peers is 2");
    }

    @Test
    void theApplicationScoreAddsWithItsWeight() {
        PeerId favourite = TestPeers.peer("favourite");
        GossipSubConfig config = GossipSubConfig.defaults().withScore(PeerScoreParams.defaults().toBuilder()
                .appSpecificScore(peer -> peer.equals(favourite) ? 10 : 0, 0.5).build());
        RouterHarness harness = RouterHarness.subscribed(config);
        harness.connectSubscribed("favourite");

        assertEquals(5.0, harness.router.score(favourite), EPSILON);
    }
}
