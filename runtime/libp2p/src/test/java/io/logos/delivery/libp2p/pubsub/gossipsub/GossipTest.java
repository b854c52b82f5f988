package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.ihaveIds;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.iwantIds;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IHAVE and IWANT: gossip emission, answering, and the limits on both. */
class GossipTest {

    private static GossipSubConfig withGossip(GossipParams.Builder params) {
        return GossipSubConfig.defaults().withGossip(params.build());
    }

    @Test
    void anAdvertisedUnseenMessageIsAskedForAndDeliveredWhenSent() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        RpcProto.Message message = Rpcs.message(TOPIC, "gossiped");
        harness.forgetSent();

        harness.receive(peer, Rpcs.ihave(TOPIC, Rpcs.idOf(message)));
        assertEquals(List.of(Rpcs.idOf(message)), iwantIds(harness.takeSent(peer)));
        harness.receive(peer, Rpcs.publish(message));

        assertEquals(1, harness.delivered.size());
        harness.receive(peer, Rpcs.ihave(TOPIC, Rpcs.idOf(message)));
        assertEquals(List.of(), iwantIds(harness.takeSent(peer)), "a seen message is not asked for again");
    }

    @Test
    void ihaveForTopicsWeDidNotJoinIsIgnored() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        harness.forgetSent();

        harness.receive(peer, Rpcs.ihave("/other", Rpcs.idOf("x")));

        assertEquals(List.of(), harness.takeSent(peer));
    }

    @Test
    void ihaveIsLimitedInMessagesAndIdsPerHeartbeat() {
        RouterHarness harness = RouterHarness.subscribed(withGossip(GossipParams.defaults().toBuilder()
                .maxIHaveMessages(2).maxIHaveLength(5)));
        PeerId peer = harness.connectSubscribed("a");
        harness.forgetSent();

        harness.receive(peer, Rpcs.ihave(TOPIC, ids("first", 4)));
        harness.receive(peer, Rpcs.ihave(TOPIC, ids("second", 4)));
        harness.receive(peer, Rpcs.ihave(TOPIC, ids("third", 4)));
        assertEquals(5, iwantIds(harness.takeSent(peer)).size(), "5 ids asked for in one heartbeat, the third IHAVE ignored");

        harness.heartbeat();
        harness.receive(peer, Rpcs.ihave(TOPIC, ids("fourth", 4)));
        assertEquals(4, iwantIds(harness.takeSent(peer)).size(), "budgets are refilled by the heartbeat");
    }

    @Test
    void cachedMessagesAreSentOnIWantALimitedNumberOfTimesUntilTheyLeaveTheCache() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId source = harness.connectSubscribed("source");
        PeerId asking = harness.connectSubscribed("asking");
        RpcProto.Message message = Rpcs.message(TOPIC, "cached");
        harness.receive(source, Rpcs.publish(message));
        harness.forgetSent();

        for (int i = 0; i < 4; i++) {
            harness.receive(asking, Rpcs.iwant(Rpcs.idOf(message)));
        }
        assertEquals(3, messages(harness.takeSent(asking)).size(), "gossip retransmission is 3");

        PeerId late = harness.connectSubscribed("late");
        for (int i = 0; i < 5; i++) {
            harness.heartbeat();
        }
        harness.forgetSent();
        harness.receive(late, Rpcs.iwant(Rpcs.idOf(message)));
        assertEquals(List.of(), messages(harness.takeSent(late)), "gone after 5 heartbeats of history");
    }

    @Test
    void heartbeatAdvertisesRecentMessagesToTopicPeersOutsideTheMeshOnly() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            peers.add(harness.connectSubscribed("p" + i));
        }
        harness.heartbeat();
        MessageId id = harness.router.publish(TOPIC, "advertised".getBytes()).messageId();
        harness.forgetSent();

        harness.heartbeat();

        for (PeerId peer : peers) {
            List<MessageId> advertised = ihaveIds(harness.takeSent(peer));
            assertEquals(harness.mesh().contains(peer) ? List.of() : List.of(id), advertised, "IHAVE to " + peer);
        }
        // after history gossip (3) heartbeats it is no longer advertised
        harness.heartbeat();
        harness.heartbeat();
        harness.forgetSent();
        harness.heartbeat();
        peers.forEach(peer -> assertEquals(List.of(), ihaveIds(harness.takeSent(peer))));
    }

    @Test
    void gossipGoesToAtLeastDLazyPeersOrTheGossipFactorShare() {
        RouterHarness harness = RouterHarness.subscribed(withGossip(GossipParams.defaults().toBuilder()
                .dLazy(2).gossipFactor(0.5)));
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            peers.add(harness.connectSubscribed("p" + i));
        }
        harness.heartbeat();
        harness.router.publish(TOPIC, "advertised".getBytes());
        harness.forgetSent();

        harness.heartbeat();

        long gossiped = peers.stream().filter(peer -> !ihaveIds(harness.takeSent(peer)).isEmpty()).count();
        assertEquals(10, gossiped, "half of the 20 peers outside the mesh");
    }

    @Test
    void aPeerThatDoesNotDeliverWhatItAdvertisedIsPenalised() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId liar = harness.connectSubscribed("liar");
        PeerId honest = harness.connectSubscribed("honest");
        RpcProto.Message kept = Rpcs.message(TOPIC, "kept");

        harness.receive(liar, Rpcs.ihave(TOPIC, Rpcs.idOf("never sent")));
        harness.receive(honest, Rpcs.ihave(TOPIC, Rpcs.idOf(kept)));
        harness.receive(honest, Rpcs.publish(kept));
        for (int i = 0; i < 4; i++) {
            harness.heartbeat();
        }

        assertEquals(-1.0, harness.router.score(liar), 1e-9);
        assertEquals(0.0, harness.router.score(honest), 1e-9);
    }

    @Test
    void gossipFromPeersBelowTheGossipThresholdIsIgnored() {
        RouterHarness harness = RouterHarness.subscribed(GossipSubConfig.defaults());
        PeerId peer = harness.connectSubscribed("a");
        RpcProto.Message message = Rpcs.message(TOPIC, "cached");
        harness.receive(peer, Rpcs.publish(message));
        // 11 broken promises: penalty 11² = 121 > 100
        for (int i = 0; i < 11; i++) {
            harness.receive(peer, Rpcs.ihave(TOPIC, Rpcs.idOf("bogus " + i)));
            harness.heartbeat();
        }
        harness.time.advance(java.time.Duration.ofSeconds(3));
        harness.heartbeat();
        assertTrue(harness.router.score(peer) < -100, "score " + harness.router.score(peer));
        harness.forgetSent();

        harness.receive(peer, Rpcs.ihave(TOPIC, Rpcs.idOf("unseen")));
        harness.receive(peer, Rpcs.iwant(Rpcs.idOf(message)));

        assertEquals(List.of(), harness.takeSent(peer));
    }

    private static MessageId[] ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> Rpcs.idOf(prefix + i)).toArray(MessageId[]::new);
    }
}
