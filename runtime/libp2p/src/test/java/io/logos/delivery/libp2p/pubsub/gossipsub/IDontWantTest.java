package io.logos.delivery.libp2p.pubsub.gossipsub;

import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.TOPIC;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.idontwantIds;
import static io.logos.delivery.libp2p.pubsub.gossipsub.RouterHarness.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gossipsub v1.2 IDONTWANT, on the protocols that have it (relay.md: the Waku relay id does). */
class IDontWantTest {

    private static final byte[] LARGE = new byte[600];
    private static final byte[] SMALL = new byte[500];

    /** Waku relay router (IDONTWANT above 512 bytes) with mesh peers: relay a, relay b, meshsub 1.1 old. */
    private static RouterHarness withMesh(GossipSubConfig config) {
        RouterHarness harness = RouterHarness.subscribed(config);
        for (String name : List.of("a", "b")) {
            harness.receive(harness.connectSubscribed(name, GossipSubConfig.WAKU_RELAY, ConnectionDirection.OUTBOUND),
                    Rpcs.graft(TOPIC));
        }
        harness.receive(harness.connectSubscribed("old", GossipSubConfig.MESHSUB_1_1, ConnectionDirection.OUTBOUND),
                Rpcs.graft(TOPIC));
        harness.forgetSent();
        return harness;
    }

    private static PeerId peer(String name) {
        return TestPeers.peer(name);
    }

    @Test
    void aLargeFirstMessageIsAnnouncedWithIDontWantToMeshPeersThatSupportIt() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        RpcProto.Message large = Rpcs.message(TOPIC, LARGE);

        harness.receive(peer("a"), Rpcs.publish(large));

        assertEquals(List.of(Rpcs.idOf(large)), idontwantIds(harness.takeSent(peer("b"))));
        assertEquals(List.of(), idontwantIds(harness.takeSent(peer("a"))), "not to the sender");
        assertEquals(List.of(), idontwantIds(harness.takeSent(peer("old"))), "meshsub 1.1 has no IDONTWANT");
    }

    @Test
    void smallMessagesAreNotAnnounced() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());

        harness.receive(peer("a"), Rpcs.publish(Rpcs.message(TOPIC, SMALL)));

        assertEquals(List.of(), idontwantIds(harness.takeSent(peer("b"))));
    }

    @Test
    void aMessageIsNotForwardedToAPeerThatSaidItDoesNotWantIt() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        RpcProto.Message message = Rpcs.message(TOPIC, LARGE);

        harness.receive(peer("b"), Rpcs.idontwant(Rpcs.idOf(message)));
        harness.receive(peer("a"), Rpcs.publish(message));

        assertEquals(List.of(), messages(harness.takeSent(peer("b"))));
        assertEquals(List.of(message), messages(harness.takeSent(peer("old"))));
    }

    @Test
    void anIDontWantIsForgottenAfterSomeHeartbeats() {
        RouterHarness harness = withMesh(GossipSubConfig.wakuRelay());
        RpcProto.Message message = Rpcs.message(TOPIC, LARGE);
        harness.receive(peer("b"), Rpcs.idontwant(Rpcs.idOf(message)));

        for (int i = 0; i < 4; i++) {
            harness.heartbeat();
        }
        harness.forgetSent();
        harness.receive(peer("a"), Rpcs.publish(message));

        assertEquals(List.of(message), messages(harness.takeSent(peer("b"))));
    }

    @Test
    void idontwantIdsAreLimitedPerPeerAndHeartbeat() {
        GossipSubConfig config = GossipSubConfig.wakuRelay()
                .withGossip(GossipParams.nwaku().toBuilder().maxIDontWantMessages(2).build());
        RouterHarness harness = withMesh(config);
        List<RpcProto.Message> messages = List.of(Rpcs.message(TOPIC, "m1"), Rpcs.message(TOPIC, "m2"),
                Rpcs.message(TOPIC, "m3"));

        harness.receive(peer("b"), Rpcs.idontwant(messages.stream().map(Rpcs::idOf).toArray(MessageId[]::new)));
        messages.forEach(message -> harness.receive(peer("a"), Rpcs.publish(message)));

        assertEquals(List.of(messages.get(2)), messages(harness.takeSent(peer("b"))));
    }
}
