package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.grafts;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.messages;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.prunes;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.subscriptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Joining and leaving, GRAFT and PRUNE handling, mesh degree and outbound quota, fanout. */
class MeshMaintenanceTest {

    private static GossipSubConfig withGossip(GossipParams.Builder params) {
        return GossipSubConfig.defaults().withGossip(params.build());
    }

    private static List<PeerId> connectSubscribed(RouterHarness harness, String prefix, int count) {
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(harness.connectSubscribed(prefix + i));
        }
        return peers;
    }

    @Test
    void aNewPeerIsToldOurSubscriptions() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());

        PeerId peer = harness.connect("a", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.INBOUND, Optional.empty());

        assertEquals(Map.of(TOPIC, true), subscriptions(harness.takeSent(peer)));
    }

    @Test
    void joiningAnnouncesTheSubscriptionAndGraftsDPeers() {
        RouterHarness harness = new RouterHarness(GossipSubConfig.defaults());
        List<PeerId> peers = connectSubscribed(harness, "p", 10);
        harness.forgetSent();

        harness.subscribe();

        assertEquals(6, harness.mesh().size());
        for (PeerId peer : peers) {
            List<RPC> sent = harness.takeSent(peer);
            assertEquals(Map.of(TOPIC, true), subscriptions(sent));
            assertEquals(harness.mesh().contains(peer) ? List.of(TOPIC) : List.of(), grafts(sent));
        }
    }

    @Test
    void heartbeatGraftsUpToDWhenBelowDLowAndPrunesDownToDWhenAboveDHigh() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        List<PeerId> peers = connectSubscribed(harness, "p", 20);
        assertEquals(Set.of(), harness.mesh());

        harness.heartbeat();
        assertEquals(6, harness.mesh().size());

        // the peers came through outbound connections, so their GRAFTs are accepted beyond D_high
        peers.stream().filter(peer -> !harness.mesh().contains(peer))
                .forEach(peer -> harness.receive(peer, Rpcs.graft(TOPIC)));
        assertEquals(20, harness.mesh().size());
        harness.forgetSent();

        harness.heartbeat();

        assertEquals(6, harness.mesh().size());
        long pruned = peers.stream().filter(peer -> !prunes(harness.takeSent(peer)).isEmpty()).count();
        assertEquals(14, pruned);
    }

    @Test
    void aGraftBeyondDHighIsRefusedUnlessTheConnectionIsOutbound() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder().degrees(4, 3, 6).dScore(2).dOut(2));
        RouterHarness harness = RouterHarness.subscribed(config);
        List<PeerId> inbound = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            inbound.add(harness.connectSubscribed("in" + i, GossipSubConfig.MESHSUB_1_2, ConnectionDirection.INBOUND));
        }
        inbound.forEach(peer -> harness.receive(peer, Rpcs.graft(TOPIC)));

        assertEquals(6, harness.mesh().size());
        assertEquals(1, prunes(harness.takeSent(inbound.get(6))).size());

        PeerId outbound = harness.connectSubscribed("out", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);
        harness.receive(outbound, Rpcs.graft(TOPIC));
        assertTrue(harness.mesh().contains(outbound));
    }

    @Test
    void pruningAnOversubscribedMeshKeepsDOutOutboundPeers() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder().degrees(4, 3, 6).dScore(2).dOut(2));
        RouterHarness harness = RouterHarness.subscribed(config);
        for (int i = 0; i < 6; i++) {
            PeerId peer = harness.connectSubscribed("in" + i, GossipSubConfig.MESHSUB_1_2, ConnectionDirection.INBOUND);
            harness.receive(peer, Rpcs.graft(TOPIC));
        }
        PeerId out1 = harness.connectSubscribed("out1", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);
        PeerId out2 = harness.connectSubscribed("out2", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);
        harness.receive(out1, Rpcs.graft(TOPIC));
        harness.receive(out2, Rpcs.graft(TOPIC));
        assertEquals(8, harness.mesh().size());

        harness.heartbeat();

        assertEquals(4, harness.mesh().size());
        assertTrue(harness.mesh().containsAll(Set.of(out1, out2)), "outbound peers kept: " + harness.mesh());
    }

    @Test
    void heartbeatGraftsOutboundPeersWhenTheMeshLacksThem() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder().degrees(4, 3, 6).dScore(2).dOut(2));
        RouterHarness harness = RouterHarness.subscribed(config);
        for (int i = 0; i < 4; i++) {
            PeerId peer = harness.connectSubscribed("in" + i, GossipSubConfig.MESHSUB_1_2, ConnectionDirection.INBOUND);
            harness.receive(peer, Rpcs.graft(TOPIC));
        }
        PeerId out1 = harness.connectSubscribed("out1", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);
        PeerId out2 = harness.connectSubscribed("out2", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);

        harness.heartbeat();

        assertEquals(6, harness.mesh().size());
        assertEquals(List.of(TOPIC), grafts(harness.takeSent(out1)));
        assertEquals(List.of(TOPIC), grafts(harness.takeSent(out2)));
    }

    @Test
    void graftsForTopicsWeDidNotJoinAreIgnoredWithoutAnswer() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.forgetSent();

        harness.receive(peer, Rpcs.graft("/some/other/topic"));

        assertEquals(List.of(), harness.takeSent(peer));
    }

    @Test
    void leavingPrunesTheMeshWithTheUnsubscribeBackoff() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.receive(peer, Rpcs.graft(TOPIC));
        assertEquals(Set.of(peer), harness.mesh());
        harness.forgetSent();

        harness.unsubscribe();

        List<RPC> sent = harness.takeSent(peer);
        assertEquals(Map.of(TOPIC, false), subscriptions(sent));
        List<ControlPrune> prunes = prunes(sent);
        assertEquals(1, prunes.size());
        assertEquals(10, prunes.getFirst().getBackoff());
        assertFalse(harness.router.isSubscribed(TOPIC));
    }

    @Test
    void aPeerThatUnsubscribesLeavesTheMesh() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.receive(peer, Rpcs.graft(TOPIC));

        harness.receive(peer, Rpcs.unsubscribe(TOPIC));

        assertEquals(Set.of(), harness.mesh());
        assertEquals(Set.of(), harness.router.topicPeers(TOPIC));
    }

    @Test
    void withoutFloodPublishAnUnsubscribedPublisherUsesFanoutWhichBecomesTheMeshOnJoining() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder().floodPublish(false));
        RouterHarness harness = new RouterHarness(config);
        List<PeerId> peers = connectSubscribed(harness, "p", 10);
        harness.forgetSent();

        PublishResult result = harness.router.publish(TOPIC, "to the fanout".getBytes());

        assertEquals(6, result.peers());
        Set<PeerId> fanout = harness.router.fanoutPeers(TOPIC);
        assertEquals(6, fanout.size());
        for (PeerId peer : peers) {
            assertEquals(fanout.contains(peer) ? 1 : 0, messages(harness.takeSent(peer)).size());
        }

        harness.subscribe();

        assertEquals(fanout, harness.mesh());
        assertEquals(Set.of(), harness.router.fanoutPeers(TOPIC));
        fanout.forEach(peer -> assertEquals(List.of(TOPIC), grafts(harness.takeSent(peer))));
    }

    @Test
    void fanoutIsForgottenAfterItsTtl() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder().floodPublish(false)
                .fanoutTtl(Duration.ofSeconds(5)));
        RouterHarness harness = new RouterHarness(config);
        connectSubscribed(harness, "p", 3);
        harness.router.publish(TOPIC, "once".getBytes());
        assertEquals(3, harness.router.fanoutPeers(TOPIC).size());

        for (int i = 0; i < 6; i++) {
            harness.heartbeat();
        }

        assertEquals(Set.of(), harness.router.fanoutPeers(TOPIC));
    }

    @Test
    void floodPublishSendsOurMessagesToEveryTopicPeerNotOnlyTheMesh() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        List<PeerId> peers = connectSubscribed(harness, "p", 10);
        harness.heartbeat();
        harness.forgetSent();

        PublishResult result = harness.router.publish(TOPIC, "flooded".getBytes());

        assertEquals(10, result.peers());
        peers.forEach(peer -> assertEquals(1, messages(harness.takeSent(peer)).size()));
    }

    @Test
    void subscriptionsBeyondThePerPeerLimitOrTooLongAreIgnored() {
        GossipSubConfig config = withGossip(GossipParams.defaults().toBuilder()
                .maxSubscriptionsPerPeer(2).maxTopicLength(20));
        RouterHarness harness = new RouterHarness(config);
        PeerId peer = harness.connect("a", GossipSubConfig.MESHSUB_1_2, ConnectionDirection.INBOUND, Optional.empty());

        harness.receive(peer, Rpcs.subscribe("t1", "t2", "t3", "x".repeat(21)));

        assertEquals(Set.of(peer), harness.router.topicPeers("t1"));
        assertEquals(Set.of(peer), harness.router.topicPeers("t2"));
        assertEquals(Set.of(), harness.router.topicPeers("t3"));
        harness.receive(peer, Rpcs.unsubscribe("t1"));
        harness.receive(peer, Rpcs.subscribe("t3"));
        assertEquals(Set.of(peer), harness.router.topicPeers("t3"));
    }
}
